using Vigil.Statistics.Sketches;

namespace Vigil.Statistics.Tests.Sketches;

public class DDSketchTests
{
    /// <summary>Floating-point slack on top of α: the mapping's rounding is about 1e-15 relative.</summary>
    private const double RoundingSlack = 1e-12;

    private static readonly double[] Qs = [0, 0.01, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

    public static TheoryData<string, int> FamilySizes()
    {
        var data = new TheoryData<string, int>();
        foreach (var family in SketchSamples.FamilyNames)
        {
            foreach (var n in new[] { 1, 2, 3, 5, 10, 100, 1_000, 10_000, 100_000, 1_000_000 })
            {
                data.Add(family, n);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FamilySizes))]
    public void Quantile_Family_WithinRelativeAccuracyOfExactOrderStatistic(string family, int n)
    {
        var values = SketchSamples.Family(family, n, seed: n + family.Length);
        var sketch = new DDSketch();
        sketch.Add(values);

        AssertAccurate(sketch, values, DDSketch.DefaultRelativeAccuracy, family);
        Assert.Equal(n, sketch.Count);
        Assert.Equal(values.Min() + 0.0, sketch.Min);
        Assert.Equal(values.Max() + 0.0, sketch.Max);
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(0.005)]
    [InlineData(0.02)]
    [InlineData(0.05)]
    [InlineData(0.2)]
    public void Quantile_OtherRelativeAccuracies_WithinThatAccuracy(double alpha)
    {
        foreach (var family in SketchSamples.FamilyNames)
        {
            var values = SketchSamples.Family(family, 20_000, seed: 3);
            // Enough bins that nothing collapses (α = 0.001 needs ~3500 bins for 1..1000).
            var sketch = new DDSketch(alpha, maxBins: 1 << 16);
            sketch.Add(values);
            AssertAccurate(sketch, values, alpha, $"{family} α={alpha}");
        }
    }

    [Fact]
    public void Quantile_BinBoundariesAndPowersOfTwo_WithinRelativeAccuracy()
    {
        // Values at and around octave edges and at every 1/64 of an octave, where the interpolation is stretched most.
        var values = new List<double>();
        for (var e = -40; e <= 40; e++)
        {
            for (var k = 0; k < 64; k++)
            {
                var x = Math.ScaleB(1 + (k / 64.0), e);
                values.AddRange([x, Math.BitDecrement(x), Math.BitIncrement(x)]);
            }
        }

        var array = values.ToArray();
        var sketch = new DDSketch(DDSketch.DefaultRelativeAccuracy, maxBins: 4096); // 81 octaves need ~2900 bins
        sketch.Add(array);
        var qs = Enumerable.Range(0, 1001).Select(i => i / 1000.0).ToArray();
        AssertAccurate(sketch, array, DDSketch.DefaultRelativeAccuracy, "octave edges", qs);
    }

    [Fact]
    public void Quantile_Empty_IsNaN()
    {
        var sketch = new DDSketch();

        Assert.True(double.IsNaN(sketch.Quantile(0.5)));
        Assert.True(double.IsNaN(sketch.Min));
        Assert.True(double.IsNaN(sketch.Max));
        Assert.Equal(0, sketch.Count);
        Assert.Equal(0.0, sketch.Sum);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Quantile_OutsideUnitInterval_Throws(double q)
    {
        var sketch = new DDSketch();
        sketch.Add(1.0);

        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Quantile(q));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Add_NotFinite_ThrowsArgumentException(double value)
    {
        var sketch = new DDSketch();

        var e = Assert.Throws<ArgumentException>(() => sketch.Add(value));
        Assert.Contains("finite", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, sketch.Count);
    }

    [Theory]
    [InlineData(0.0, 2048)]
    [InlineData(1.0, 2048)]
    [InlineData(1e-7, 2048)]
    [InlineData(0.01, 0)]
    [InlineData(0.01, (1 << 20) + 1)]
    public void Constructor_InvalidParameters_Throw(double alpha, int maxBins) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DDSketch(alpha, maxBins));

    [Fact]
    public void Add_NegativeZero_CountsAsZero()
    {
        var a = new DDSketch();
        a.Add(-0.0);
        var b = new DDSketch();
        b.Add(0.0);

        Assert.Equal(Bytes(b), Bytes(a));
        Assert.Equal(0.0, a.Quantile(0.5));
        Assert.False(double.IsNegative(a.Min));
    }

    [Fact]
    public void Sum_ReferenceCases_EqualsCorrectlyRoundedFsum()
    {
        foreach (var c in TestData.Load<SumCase[]>("sketch_sum_reference.json"))
        {
            var sketch = new DDSketch();
            sketch.Add(c.Values);
            Assert.True(c.Fsum.Equals(sketch.Sum), $"{c.Name}: fsum {c.Fsum:R}, sketch {sketch.Sum:R}");

            // The exact sum does not depend on the order or the grouping.
            var halves = new[] { new DDSketch(), new DDSketch() };
            var shuffled = SketchSamples.Shuffled(c.Values, 9);
            for (var i = 0; i < shuffled.Length; i++)
            {
                halves[i % 2].Add(shuffled[i]);
            }

            halves[1].Merge(halves[0]);
            Assert.True(c.Fsum.Equals(halves[1].Sum), $"{c.Name} merged: fsum {c.Fsum:R}, sketch {halves[1].Sum:R}");
        }
    }

    [Fact]
    public void Add_ManyValues_DoesNotAllocateOnceWarm()
    {
        var values = SketchSamples.Family("lognormal", 100_000, seed: 1);
        var sketch = new DDSketch();
        sketch.Add(values);

        Assert.Equal(0, Allocations.Fewest(() => sketch.Add(values)));
    }

    internal static byte[] Bytes(DDSketch sketch) => SketchBytes.Of(sketch.WriteTo);

    internal static void AssertAccurate(DDSketch sketch, double[] values, double alpha, string what, double[]? qs = null)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        foreach (var q in qs ?? Qs)
        {
            var exact = sorted[(long)Math.Floor(q * (sorted.Length - 1))];
            var estimate = sketch.Quantile(q);
            var allowed = (alpha + RoundingSlack) * Math.Abs(exact);
            Assert.True(
                Math.Abs(estimate - exact) <= allowed,
                $"{what} n={values.Length} q={q}: exact {exact:R}, estimate {estimate:R}, relative error {Math.Abs(estimate - exact) / Math.Abs(exact):G4} > {alpha}");
        }
    }

    public sealed record SumCase(string Name, double[] Values, double Fsum);
}
