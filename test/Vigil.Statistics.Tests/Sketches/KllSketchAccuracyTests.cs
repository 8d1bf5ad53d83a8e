using Vigil.Statistics.Sketches;
using static Vigil.Statistics.Tests.Sketches.SketchTestData;

namespace Vigil.Statistics.Tests.Sketches;

/// <summary>
/// The sketch's rank error against exact ranks of the sorted input, over many coin-flip seeds. The published
/// bound holds for 99% of trials, so a few exceedances are expected; the tests allow 2% of the trials.
/// </summary>
public class KllSketchAccuracyTests
{
    /// <summary>Fraction of trials allowed past the 99%-confidence bound (1% expected, slack for finite trials).</summary>
    private const double AllowedExceedanceFraction = 0.02;

    public static TheoryData<string> AllFamilies => [.. Families];

    [Theory]
    [MemberData(nameof(AllFamilies))]
    public void Update_Family_RankErrorWithinBound(string family)
    {
        var trials = 0;
        var exceeded = 0;
        foreach (var n in (int[])[1_000, 10_000, 100_000])
        {
            var values = Generate(family, n, seed: n + family.Length);
            var sorted = Sorted(values);
            for (ulong seed = 0; seed < 30; seed++)
            {
                var sketch = Sketch(values, seed);
                trials++;
                if (MaxRankError(sketch, sorted) > sketch.NormalizedRankError(false))
                {
                    exceeded++;
                }
            }
        }

        Assert.True(exceeded <= AllowedExceedanceFraction * trials, $"{family}: {exceeded} of {trials} trials past the bound");
    }

    [Theory]
    [InlineData(Uniform)]
    [InlineData(Pareto)]
    [InlineData(Tied)]
    public void Update_MillionValues_RankErrorWithinBound(string family)
    {
        var values = Generate(family, 1_000_000, seed: 99);
        var sorted = Sorted(values);
        for (ulong seed = 0; seed < 4; seed++)
        {
            var sketch = Sketch(values, seed);
            var error = MaxRankError(sketch, sorted, points: 2000);
            Assert.True(error <= sketch.NormalizedRankError(false), $"{family} seed {seed}: error {error:P3}");
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(64)]
    [InlineData(200)]
    [InlineData(1024)]
    public void Update_OtherK_RankErrorWithinItsBound(int k)
    {
        var values = Generate(Normal, 50_000, seed: k);
        var sorted = Sorted(values);
        var exceeded = 0;
        const int Trials = 50;
        for (ulong seed = 0; seed < Trials; seed++)
        {
            var sketch = Sketch(values, seed, k);
            if (MaxRankError(sketch, sorted) > sketch.NormalizedRankError(false))
            {
                exceeded++;
            }
        }

        Assert.True(exceeded <= AllowedExceedanceFraction * Trials, $"k = {k}: {exceeded} of {Trials} trials past the bound");
    }

    [Theory]
    [MemberData(nameof(AllFamilies))]
    public void Update_SmallN_Exact(string family)
    {
        foreach (var n in (int[])[1, 2, 10, 100, 256])
        {
            var values = Generate(family, n, seed: n);
            Assert.Equal(0.0, MaxRankError(Sketch(values, seed: 5), Sorted(values)));
        }
    }

    [Fact]
    public void Update_ConstantStream_AnswersTheConstant()
    {
        var sketch = Sketch(Generate(Constant, 200_000, seed: 1), seed: 1);
        Assert.Equal(7.25, sketch.Quantile(0.5));
        Assert.Equal(1.0, sketch.Rank(7.25));
        Assert.Equal(0.0, sketch.Rank(7.0));
    }

    [Fact]
    public void Update_SortedAndReversedStreams_WithinBound()
    {
        var ascending = Sorted(Generate(LogNormal, 200_000, seed: 21));
        var descending = ascending.Reverse().ToArray();
        for (ulong seed = 0; seed < 5; seed++)
        {
            var up = Sketch(ascending, seed);
            var down = Sketch(descending, seed);
            Assert.True(MaxRankError(up, ascending) <= up.NormalizedRankError(false));
            Assert.True(MaxRankError(down, ascending) <= down.NormalizedRankError(false));
        }
    }
}
