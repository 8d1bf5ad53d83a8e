using Vigil.Statistics.Sketches;
using static Vigil.Statistics.Tests.Sketches.SketchTestData;

namespace Vigil.Statistics.Tests.Sketches;

public class KllSketchTests
{
    /// <summary>Apache DataSketches publishes 1.33% (single rank) and 1.65% (PMF) for k = 200, rounded to 0.01%.</summary>
    private const double PublishedRounding = 0.00005;

    [Theory]
    [InlineData(7)]
    [InlineData(0)]
    [InlineData(65536)]
    public void Constructor_KOutOfRange_Throws(int k) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new KllSketch(k));

    [Fact]
    public void Empty_ReportsNaNAndNothingRetained()
    {
        var sketch = new KllSketch();

        Assert.True(sketch.IsEmpty);
        Assert.Equal(0, sketch.Count);
        Assert.Equal(0, sketch.RetainedItems);
        Assert.Equal(KllSketch.DefaultK, sketch.K);
        Assert.True(double.IsNaN(sketch.Min));
        Assert.True(double.IsNaN(sketch.Max));
        Assert.True(double.IsNaN(sketch.Quantile(0.5)));
        Assert.True(double.IsNaN(sketch.Rank(1.0)));
        var (values, weights) = sketch.SortedView();
        Assert.Empty(values);
        Assert.Empty(weights);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Update_NonFinite_ThrowsArgumentException(double value)
    {
        var sketch = new KllSketch();
        var e = Assert.Throws<ArgumentException>(() => sketch.Update(value));
        Assert.Equal("value", e.ParamName);
        Assert.True(sketch.IsEmpty);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Quantile_RankOutsideUnitInterval_Throws(double rank)
    {
        var sketch = Sketch([1.0, 2.0], seed: 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Quantile(rank));
    }

    [Fact]
    public void Rank_NaN_Throws() => Assert.Throws<ArgumentException>(() => Sketch([1.0], 0).Rank(double.NaN));

    [Fact]
    public void NormalizedRankError_K200_MatchesPublishedValues()
    {
        var sketch = new KllSketch(200);
        Assert.Equal(0.0133, sketch.NormalizedRankError(pmf: false), PublishedRounding);
        Assert.Equal(0.0165, sketch.NormalizedRankError(pmf: true), PublishedRounding);
        Assert.True(new KllSketch(256).NormalizedRankError(false) < sketch.NormalizedRankError(false));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(37)]
    [InlineData(256)]
    public void BelowK_NothingCompacted_RanksAndQuantilesExact(int n)
    {
        var values = Generate(Normal, n, seed: n);
        var sorted = Sorted(values);
        var sketch = Sketch(values, seed: 1);

        Assert.Equal(n, sketch.RetainedItems);
        Assert.Equal(sorted[0], sketch.Min);
        Assert.Equal(sorted[^1], sketch.Max);
        Assert.Equal(sorted[0], sketch.Quantile(0));
        Assert.Equal(sorted[^1], sketch.Quantile(1));
        for (var i = 0; i < n; i++)
        {
            // Inclusive criterion: q in ((i)/n, (i+1)/n] selects the (i+1)-th smallest value.
            Assert.Equal(sorted[i], sketch.Quantile((i + 0.5) / n));
            Assert.Equal((double)CountAtMost(sorted, sorted[i]) / n, sketch.Rank(sorted[i]));
        }

        Assert.Equal(0.0, sketch.Rank(sorted[0] - 1));
        Assert.Equal(1.0, sketch.Rank(sorted[^1] + 1));
    }

    [Fact]
    public void Quantile_TiedValues_InclusiveCriterion()
    {
        // 1, 2, 2, 2, 3: ranks 0.2 -> 1, (0.2, 0.8] -> 2, (0.8, 1] -> 3
        var sketch = Sketch([2.0, 3.0, 2.0, 1.0, 2.0], seed: 0);
        Assert.Equal(1.0, sketch.Quantile(0.2));
        Assert.Equal(2.0, sketch.Quantile(0.21));
        Assert.Equal(2.0, sketch.Quantile(0.8));
        Assert.Equal(3.0, sketch.Quantile(0.81));
        Assert.Equal(0.8, sketch.Rank(2.0));
        Assert.Equal(0.2, sketch.Rank(1.5));
    }

    [Fact]
    public void LargeStream_CountMinMaxExact_RetainedBounded()
    {
        var values = Generate(LogNormal, 1_000_000, seed: 3);
        var sketch = Sketch(values, seed: 3);

        Assert.Equal(values.Length, sketch.Count);
        Assert.Equal(values.Min(), sketch.Min);
        Assert.Equal(values.Max(), sketch.Max);
        Assert.InRange(sketch.RetainedItems, 2 * sketch.K, 4 * sketch.K); // about 3k in estimation mode
        Assert.Equal(sketch.Min, sketch.Quantile(0));
        Assert.Equal(sketch.Max, sketch.Quantile(1));
    }

    [Fact]
    public void SortedView_AscendingWithCumulativeWeightsEndingAtCount()
    {
        var sketch = Sketch(Generate(Pareto, 100_000, seed: 5), seed: 9);
        var (values, weights) = sketch.SortedView();

        Assert.Equal(sketch.RetainedItems, values.Length);
        Assert.Equal(sketch.Count, weights[^1]);
        for (var i = 1; i < values.Length; i++)
        {
            Assert.True(values[i] >= values[i - 1]);
            Assert.True(weights[i] > weights[i - 1]);
        }

        values[0] = double.MaxValue; // a copy: the sketch is unaffected
        Assert.NotEqual(double.MaxValue, sketch.SortedView().Values[0]);
    }

    [Fact]
    public void Update_SameValuesSameSeed_ByteIdentical_OtherSeedDiffers()
    {
        var values = Generate(Uniform, 50_000, seed: 11);
        var a = Bytes(Sketch(values, seed: 42));
        var b = Bytes(Sketch(values, seed: 42));
        var c = Bytes(Sketch(values, seed: 43));

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Queries_DoNotChangeTheSerializedState()
    {
        var values = Generate(Normal, 10_000, seed: 12);
        var queried = Sketch(values, seed: 1);
        _ = queried.Quantile(0.5);
        _ = queried.Rank(0.1);
        _ = queried.SortedView();

        Assert.Equal(Bytes(Sketch(values, seed: 1)), Bytes(queried));
    }

    [Fact]
    public void Update_SteadyState_AllocatesNothing()
    {
        var values = Generate(Uniform, 1_300_000, seed: 13);
        var sketch = Sketch(values.AsSpan(0, 1_200_000), seed: 13);
        var levels = sketch.NumLevels;

        var next = 1_200_000;
        var allocated = Allocations.Fewest(() =>
        {
            sketch.Update(values.AsSpan(next, 20_000));
            next += 20_000;
        });

        Assert.Equal(levels, sketch.NumLevels); // a new level (every doubling of n) reallocates the buffer
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Clone_IsIndependent()
    {
        var original = Sketch(Generate(Normal, 5_000, seed: 14), seed: 2);
        var bytes = Bytes(original);
        var clone = original.Clone();
        clone.Update(1e6);

        Assert.Equal(bytes, Bytes(original));
        Assert.Equal(original.Count + 1, clone.Count);
    }

    internal static byte[] Bytes(KllSketch sketch)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            sketch.WriteTo(writer);
        }

        return stream.ToArray();
    }
}
