using Vigil.Statistics.Sketches;
using static Vigil.Statistics.Tests.Sketches.SketchTestData;

namespace Vigil.Statistics.Tests.Sketches;

/// <summary>merge(sketch(a), sketch(b)) against the exact ranks of a ++ b, in any order and shape.</summary>
public class KllSketchMergeTests
{
    private const double AllowedExceedanceFraction = 0.02;

    [Theory]
    [InlineData(Normal, Pareto, 100_000, 30_000)]
    [InlineData(Uniform, Uniform, 50_000, 50_000)]
    [InlineData(LogNormal, Tied, 5_000, 200_000)]
    [InlineData(NaNFiltered, Constant, 20_000, 300)]
    public void Merge_TwoStreams_WithinBoundOfUnion(string familyA, string familyB, int nA, int nB)
    {
        var a = Generate(familyA, nA, seed: 1);
        var b = Generate(familyB, nB, seed: 2).Select(x => x + 0.5).ToArray(); // shifted: the streams differ
        var union = Sorted([.. a, .. b]);
        const int Trials = 40;
        int mergedExceeded = 0, directExceeded = 0;
        for (ulong seed = 0; seed < Trials; seed++)
        {
            var merged = Sketch(a, seed);
            merged.Merge(Sketch(b, seed + 1000));
            var direct = Sketch([.. a, .. b], seed);

            Assert.Equal(a.Length + b.Length, merged.Count);
            Assert.Equal(union[0], merged.Min);
            Assert.Equal(union[^1], merged.Max);
            mergedExceeded += MaxRankError(merged, union) > merged.NormalizedRankError(false) ? 1 : 0;
            directExceeded += MaxRankError(direct, union) > direct.NormalizedRankError(false) ? 1 : 0;
        }

        Assert.True(mergedExceeded <= AllowedExceedanceFraction * Trials, $"merged: {mergedExceeded} of {Trials} past the bound");
        Assert.True(directExceeded <= AllowedExceedanceFraction * Trials, $"direct: {directExceeded} of {Trials} past the bound");
    }

    [Fact]
    public void Merge_ChunksInAnyOrderOrShape_WithinBound()
    {
        var values = Generate(LogNormal, 240_000, seed: 7);
        var sorted = Sorted(values);
        var sizes = new[] { 1, 250, 9_000, 30_000, 700, 100_000, 49_049, 51_000 };
        var chunks = new List<KllSketch>();
        var offset = 0;
        for (var i = 0; i < sizes.Length; i++)
        {
            chunks.Add(Sketch(values.AsSpan(offset, sizes[i]), (ulong)i));
            offset += sizes[i];
        }

        Assert.Equal(values.Length, offset);
        var random = new Random(3);
        List<int[]> orders = [[0, 1, 2, 3, 4, 5, 6, 7], [7, 6, 5, 4, 3, 2, 1, 0]];
        for (var i = 0; i < 8; i++)
        {
            orders.Add([.. Enumerable.Range(0, 8).OrderBy(_ => random.Next())]);
        }

        foreach (var order in orders)
        {
            var sequential = new KllSketch(seed: 100);
            foreach (var index in order)
            {
                sequential.Merge(chunks[index]);
            }

            AssertWithinBound(sequential, sorted, $"sequential {string.Join(",", order)}");
            AssertWithinBound(MergeTree([.. order.Select(i => chunks[i])]), sorted, $"tree {string.Join(",", order)}");
        }
    }

    [Fact]
    public void Merge_ManySmallSketches_WithinBound()
    {
        var values = Generate(Normal, 200_000, seed: 8);
        var total = new KllSketch(seed: 1);
        for (var start = 0; start < values.Length; start += 500)
        {
            total.Merge(Sketch(values.AsSpan(start, 500), (ulong)start));
        }

        Assert.Equal(values.Length, total.Count);
        AssertWithinBound(total, Sorted(values), "2000 sketches of 500");
    }

    [Theory]
    [InlineData(8)]
    [InlineData(20)]
    [InlineData(1000)]
    public void Merge_OtherK_WithinItsBound(int k)
    {
        var values = Generate(Pareto, 150_000, seed: k);
        var sorted = Sorted(values);
        const int Trials = 20;
        var exceeded = 0;
        for (ulong seed = 0; seed < Trials; seed++)
        {
            var merged = new KllSketch(k, seed);
            for (var start = 0; start < values.Length; start += 37_500)
            {
                merged.Merge(Sketch(values.AsSpan(start, 37_500), seed + (ulong)start, k));
            }

            exceeded += MaxRankError(merged, sorted) > merged.NormalizedRankError(false) ? 1 : 0;
        }

        Assert.True(exceeded <= AllowedExceedanceFraction * Trials, $"k = {k}: {exceeded} of {Trials} past the bound");
    }

    [Fact]
    public void Merge_OtherUnchanged_EmptyIsIdentity()
    {
        var a = Sketch(Generate(Uniform, 30_000, seed: 1), seed: 1);
        var b = Sketch(Generate(Normal, 40_000, seed: 2), seed: 2);
        var bBytes = KllSketchTests.Bytes(b);
        var aBytes = KllSketchTests.Bytes(a);

        a.Merge(b);
        Assert.Equal(bBytes, KllSketchTests.Bytes(b));

        var c = Sketch(Generate(Uniform, 30_000, seed: 1), seed: 1);
        c.Merge(new KllSketch());
        Assert.Equal(aBytes, KllSketchTests.Bytes(c));

        var empty = new KllSketch();
        empty.Merge(b);
        Assert.Equal(b.Count, empty.Count);
        Assert.Equal(b.SortedView().Values, empty.SortedView().Values);
    }

    [Fact]
    public void Merge_Itself_DoublesTheWeights()
    {
        var values = Generate(Tied, 20_000, seed: 4);
        var sketch = Sketch(values, seed: 4);
        sketch.Merge(sketch);

        Assert.Equal(2 * values.Length, sketch.Count);
        AssertWithinBound(sketch, Sorted([.. values, .. values]), "self merge");
    }

    [Fact]
    public void Merge_DifferentK_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new KllSketch(200).Merge(new KllSketch(256)));
        Assert.Equal("other", e.ParamName);
        Assert.Throws<ArgumentNullException>(() => new KllSketch().Merge(null!));
    }

    private static KllSketch MergeTree(IReadOnlyList<KllSketch> sketches)
    {
        if (sketches.Count == 1)
        {
            return sketches[0].Clone();
        }

        var half = sketches.Count / 2;
        var left = MergeTree([.. sketches.Take(half)]);
        left.Merge(MergeTree([.. sketches.Skip(half)]));
        return left;
    }

    private static void AssertWithinBound(KllSketch sketch, double[] sorted, string what)
    {
        Assert.Equal(sorted.Length, sketch.Count);
        Assert.Equal(sorted[0], sketch.Min);
        Assert.Equal(sorted[^1], sketch.Max);
        var error = MaxRankError(sketch, sorted);
        Assert.True(error <= sketch.NormalizedRankError(false), $"{what}: error {error:P3} > {sketch.NormalizedRankError(false):P3}");
    }
}
