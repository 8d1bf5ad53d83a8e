using System.Text.Json.Serialization;
using Vigil.Statistics.Sketches;

namespace Vigil.Statistics.Tests.Sketches;

public class MomentsSketchTests
{
    /// <summary>Against numpy's pairwise mean and two-pass variance (numpy is the less accurate side on large offsets).</summary>
    private const double MeanRelative = 1e-13;

    private const double VarianceRelative = 1e-12;

    /// <summary>Against the exact rational result rounded to float64.</summary>
    private const double ExactRelative = 1e-13;

    /// <summary>Splitting and merging changes only the rounding: same result within this relative difference.</summary>
    private const double MergeRelative = 1e-12;

    /// <summary>
    /// Floor for quantities that are zero or tiny in exact arithmetic (the mean of centred data, the variance of
    /// a constant): float64 arithmetic on values of magnitude |x| leaves noise of a few ulps of |x| in a mean and
    /// its square in a variance; numpy itself returns 8e-31 for the variance of 500 copies of 3.7.
    /// </summary>
    private const double FloorUlps = 4 * 2.220446049250313e-16;

        private static readonly Lazy<Reference> Data = new(() => TestData.Load<Reference>("moments_reference.json"));

    public static TheoryData<string> Cases => [.. Data.Value.Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Update_ReferenceCase_MatchesNumpy(string name)
    {
        var c = Get(name);
        var sketch = Build(c.Values);
        AssertMatches(c, sketch, name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Merge_AnySplitAndOrder_SameMoments(string name)
    {
        var c = Get(name);
        var whole = Build(c.Values);
        var random = new Random(name.Length);
        for (var trial = 0; trial < 20; trial++)
        {
            var parts = Split(c.Values, random.Next(2, 9), random);
            var sequential = new MomentsSketch();
            foreach (var part in parts)
            {
                sequential.Merge(part);
            }

            var reversed = new MomentsSketch();
            for (var i = parts.Count - 1; i >= 0; i--)
            {
                reversed.Merge(parts[i]);
            }

            foreach (var merged in (MomentsSketch[])[sequential, reversed, MergeTree(parts)])
            {
                Assert.Equal(whole.Count, merged.Count);
                Assert.Equal(whole.Min, merged.Min);
                Assert.Equal(whole.Max, merged.Max);
                var floor = FloorUlps * Math.Max(Math.Abs(c.Min), Math.Abs(c.Max));
                TestData.AssertClose(whole.Mean, merged.Mean, MergeRelative, floor, $"{name} merged mean");
                TestData.AssertClose(whole.PopulationVariance, merged.PopulationVariance, MergeRelative, floor * floor, $"{name} merged variance");
                AssertMatches(c, merged, name + " merged");
            }
        }
    }

    [Theory]
    [InlineData("large_offset_1e9_noise_5000")]
    [InlineData("large_negative_offset_1e9_noise_3000")]
    [InlineData("large_offset_1e12_noise_2000")]
    public void Update_LargeOffset_NaiveSumOfSquaresFailsWelfordHolds(string name)
    {
        var c = Get(name);
        Assert.True(Math.Abs(c.NaivePopulationVariance - c.ExactPopulationVariance) > 0.5 * c.ExactPopulationVariance); // -128, -384, 0: no digit right
        TestData.AssertClose(c.ExactPopulationVariance, Build(c.Values).PopulationVariance, ExactRelative, 0, $"{name} shifted Welford");
    }

    [Fact]
    public void Empty_And_SingleValue_NaNWhereUndefined()
    {
        var empty = new MomentsSketch();
        Assert.Equal(0, empty.Count);
        Assert.True(double.IsNaN(empty.Mean));
        Assert.True(double.IsNaN(empty.PopulationVariance));
        Assert.True(double.IsNaN(empty.SampleVariance));
        Assert.True(double.IsNaN(empty.Min));
        Assert.True(double.IsNaN(empty.Max));

        var one = new MomentsSketch();
        one.Update(-4.5);
        Assert.Equal(-4.5, one.Mean);
        Assert.Equal(0.0, one.PopulationVariance);
        Assert.True(double.IsNaN(one.SampleVariance));
    }

    [Fact]
    public void Update_CountsTypesAndSpecialValues()
    {
        var sketch = new MomentsSketch();
        foreach (var value in (double[])[1, 2.5, -3, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0, -0.25, 1e300])
        {
            sketch.Update(value);
        }

        sketch.AddNull();
        sketch.AddNull();
        sketch.AddString();
        sketch.AddBoolean();

        Assert.Equal(6, sketch.Count);
        Assert.Equal(1, sketch.NaNCount);
        Assert.Equal(2, sketch.InfinityCount);
        Assert.Equal(4, sketch.IntegralCount); // 1, -3, 0, 1e300
        Assert.Equal(2, sketch.FractionalCount);
        Assert.Equal(2, sketch.NullCount);
        Assert.Equal(1, sketch.StringCount);
        Assert.Equal(1, sketch.BooleanCount);
        Assert.Equal(-3, sketch.Min);
        Assert.Equal(1e300, sketch.Max);

        var twice = new MomentsSketch();
        twice.Merge(sketch);
        twice.Merge(sketch);
        Assert.Equal(12, twice.Count);
        Assert.Equal(4, twice.NullCount);
        Assert.Equal(2, twice.NaNCount);
        Assert.Equal(4, twice.InfinityCount);
        Assert.Equal(8, twice.IntegralCount);
        Assert.Equal(4, twice.FractionalCount);
        Assert.Equal(2, twice.StringCount);
        Assert.Equal(2, twice.BooleanCount);
    }

    [Fact]
    public void Merge_Null_Throws() => Assert.Throws<ArgumentNullException>(() => new MomentsSketch().Merge(null!));

    private static void AssertMatches(Case c, MomentsSketch sketch, string what)
    {
        var floor = FloorUlps * Math.Max(Math.Abs(c.Min), Math.Abs(c.Max));
        Assert.Equal(c.Values.Length, sketch.Count);
        Assert.Equal(c.Min, sketch.Min);
        Assert.Equal(c.Max, sketch.Max);
        TestData.AssertClose(c.Mean, sketch.Mean, MeanRelative, floor, $"{what} mean");
        TestData.AssertClose(c.PopulationVariance, sketch.PopulationVariance, VarianceRelative, floor * floor, $"{what} population variance");
        TestData.AssertClose(c.SampleVariance, sketch.SampleVariance, VarianceRelative, floor * floor, $"{what} sample variance");
        TestData.AssertClose(c.ExactMean, sketch.Mean, ExactRelative, floor, $"{what} mean vs exact");
        TestData.AssertClose(c.ExactPopulationVariance, sketch.PopulationVariance, ExactRelative, floor * floor, $"{what} population variance vs exact");
        TestData.AssertClose(c.ExactSampleVariance, sketch.SampleVariance, ExactRelative, floor * floor, $"{what} sample variance vs exact");
    }

    internal static MomentsSketch Build(ReadOnlySpan<double> values)
    {
        var sketch = new MomentsSketch();
        foreach (var value in values)
        {
            sketch.Update(value);
        }

        return sketch;
    }

    private static List<MomentsSketch> Split(double[] values, int parts, Random random)
    {
        var cuts = Enumerable.Range(0, parts - 1).Select(_ => random.Next(values.Length + 1)).Append(0).Append(values.Length).Order().ToArray();
        var sketches = new List<MomentsSketch>();
        for (var i = 0; i + 1 < cuts.Length; i++)
        {
            sketches.Add(Build(values.AsSpan(cuts[i], cuts[i + 1] - cuts[i]))); // some parts are empty
        }

        return sketches;
    }

    private static MomentsSketch MergeTree(List<MomentsSketch> parts)
    {
        if (parts.Count == 1)
        {
            var copy = new MomentsSketch();
            copy.Merge(parts[0]);
            return copy;
        }

        var left = MergeTree(parts[..(parts.Count / 2)]);
        left.Merge(MergeTree(parts[(parts.Count / 2)..]));
        return left;
    }

    private static Case Get(string name) => Data.Value.Cases.Single(c => c.Name == name);

    private sealed record Reference(string Numpy, Case[] Cases);

    private sealed record Case(
        string Name,
        double[] Values,
        double Mean,
        [property: JsonPropertyName("population_variance")] double PopulationVariance,
        [property: JsonPropertyName("sample_variance")] double SampleVariance,
        double Min,
        double Max,
        [property: JsonPropertyName("naive_population_variance")] double NaivePopulationVariance,
        [property: JsonPropertyName("exact_mean")] double ExactMean,
        [property: JsonPropertyName("exact_population_variance")] double ExactPopulationVariance,
        [property: JsonPropertyName("exact_sample_variance")] double ExactSampleVariance);
}
