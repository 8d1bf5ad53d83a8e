using Vigil.Statistics.Sketches;

namespace Vigil.Statistics.Tests.Sketches;

public class FrequentItemsSketchTests
{
    public static TheoryData<int, double, bool> Streams() => new()
    {
        { 10, 0.8, false },
        { 10, 1.5, true },
        { 64, 1.1, false },
        { 64, 1.1, true },
        { 256, 0.8, false },
        { 256, 1.3, true },
    };

    [Theory]
    [MemberData(nameof(Streams))]
    public void Update_ZipfStream_BoundsHoldAndHeavyHittersPresent(int k, double exponent, bool weighted)
    {
        var stream = Zipf(100_000, 10_000, exponent, weighted, seed: k);
        var sketch = new FrequentItemsSketch(k);
        foreach (var (label, weight) in stream)
        {
            sketch.Update(label, weight);
        }

        AssertGuarantees(sketch, Truth(stream), $"k={k} s={exponent} weighted={weighted}");
        Assert.False(sketch.IsExact);
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void Merge_AnyOrder_BoundsHold(int k, double exponent, bool weighted)
    {
        var stream = Zipf(80_000, 5_000, exponent, weighted, seed: 100 + k);
        var truth = Truth(stream);
        var parts = Enumerable.Range(0, 8).Select(_ => new FrequentItemsSketch(k)).ToArray();
        for (var i = 0; i < stream.Length; i++)
        {
            // Uneven, interleaved parts: part p takes rows whose index mod 11 maps to it.
            parts[i % 11 % 8].Update(stream[i].Label, stream[i].Weight);
        }

        var random = new Random(k);
        for (var order = 0; order < 6; order++)
        {
            var permutation = Enumerable.Range(0, 8).ToArray();
            random.Shuffle(permutation);
            var merged = Copy(parts[permutation[0]]);
            for (var i = 1; i < 8; i++)
            {
                merged.Merge(parts[permutation[i]]);
            }

            AssertGuarantees(merged, truth, $"sequential order {string.Join(",", permutation)}");
        }

        // A balanced tree of merges.
        var level = parts.Select(Copy).ToArray();
        while (level.Length > 1)
        {
            var next = new FrequentItemsSketch[level.Length / 2];
            for (var i = 0; i < next.Length; i++)
            {
                level[2 * i].Merge(level[(2 * i) + 1]);
                next[i] = level[2 * i];
            }

            level = next;
        }

        AssertGuarantees(level[0], truth, "tree");
    }

    [Fact]
    public void Update_FewerLabelsThanK_ExactCounts()
    {
        var stream = Zipf(50_000, 200, 1.2, weighted: true, seed: 1);
        var sketch = new FrequentItemsSketch(256);
        foreach (var (label, weight) in stream)
        {
            sketch.Update(label, weight);
        }

        var truth = Truth(stream);
        Assert.True(sketch.IsExact);
        Assert.Equal(0, sketch.MaximumError);
        Assert.Equal(truth.Count, sketch.Items().Count);
        foreach (var item in sketch.Items())
        {
            Assert.Equal(truth[item.Item], item.Estimate);
            Assert.Equal(item.Estimate, item.UpperBound);
        }
    }

    [Fact]
    public void Update_KPlusOneDistinct_SubtractsTheSmallest()
    {
        var sketch = new FrequentItemsSketch(2);
        sketch.Update("a", 5);
        sketch.Update("b", 3);
        sketch.Update("c", 2);

        Assert.Equal(2, sketch.MaximumError);
        Assert.Equal(10, sketch.TotalCount);
        Assert.Equal([new FrequentItem("a", 3, 3, 5), new FrequentItem("b", 1, 1, 3)], sketch.Items());

        // A new label heavier than every counter survives the reduction.
        sketch.Update("d", 7);
        Assert.Equal(3, sketch.MaximumError);
        Assert.Equal([new FrequentItem("d", 6, 6, 9), new FrequentItem("a", 2, 2, 5)], sketch.Items());
    }

    [Fact]
    public void Merge_SumsThenSubtractsTheKPlusOnethLargest()
    {
        var a = new FrequentItemsSketch(2);
        a.Update("x", 10);
        a.Update("y", 4);
        var b = new FrequentItemsSketch(2);
        b.Update("y", 3);
        b.Update("z", 5);

        a.Merge(b);

        // Summed: x 10, y 7, z 5; the third largest (5) is subtracted; z drops.
        Assert.Equal(5, a.MaximumError);
        Assert.Equal(22, a.TotalCount);
        Assert.Equal([new FrequentItem("x", 5, 5, 10), new FrequentItem("y", 2, 2, 7)], a.Items());
    }

    [Fact]
    public void Items_TiedEstimates_OrderedByOrdinalLabel()
    {
        var sketch = new FrequentItemsSketch();
        foreach (var label in new[] { "b", "B", "a", "é", "A", "b", "a" })
        {
            sketch.Update(label);
        }

        Assert.Equal(["a", "b", "A", "B", "é"], sketch.Items().Select(i => i.Item));
    }

    [Fact]
    public void Update_SameStream_SameBytes()
    {
        var stream = Zipf(20_000, 3_000, 1.0, weighted: false, seed: 4);
        var a = new FrequentItemsSketch(32);
        var b = new FrequentItemsSketch(32);
        foreach (var (label, weight) in stream)
        {
            a.Update(label, weight);
            b.Update(new string(label.AsSpan()), weight);
        }

        Assert.Equal(Bytes(a), Bytes(b));
    }

    [Fact]
    public void Update_ExistingLabel_DoesNotAllocate()
    {
        var labels = Enumerable.Range(0, 300).Select(i => $"label-{i}").ToArray();
        var sketch = new FrequentItemsSketch(256);
        foreach (var label in labels)
        {
            sketch.Update(label);
        }

        var kept = sketch.Items().Select(i => i.Item).ToArray();
        Assert.Equal(0, Allocations.Fewest(() =>
        {
            for (var round = 0; round < 200; round++)
            {
                foreach (var label in kept)
                {
                    sketch.Update(label, 2);
                }
            }
        }));
    }

    [Fact]
    public void Update_InvalidArguments_Throw()
    {
        var sketch = new FrequentItemsSketch();

        Assert.Throws<ArgumentNullException>(() => sketch.Update(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Update("a", -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrequentItemsSketch(0));
        sketch.Update("a", 0);
        Assert.Equal(0, sketch.TotalCount);
        Assert.Empty(sketch.Items());
    }

    internal static (string Label, long Weight)[] Zipf(int n, int distinct, double exponent, bool weighted, int seed)
    {
        var random = new Random(seed);
        var cumulative = new double[distinct];
        var total = 0.0;
        for (var r = 0; r < distinct; r++)
        {
            total += 1 / Math.Pow(r + 1, exponent);
            cumulative[r] = total;
        }

        var stream = new (string, long)[n];
        for (var i = 0; i < n; i++)
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble() * total);
            var rank = Math.Min(index < 0 ? ~index : index, distinct - 1);
            stream[i] = ($"item-{rank}", weighted ? random.Next(1, 101) : 1);
        }

        return stream;
    }

    internal static Dictionary<string, long> Truth((string Label, long Weight)[] stream)
    {
        var truth = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (label, weight) in stream)
        {
            truth[label] = truth.GetValueOrDefault(label) + weight;
        }

        return truth;
    }

    internal static byte[] Bytes(FrequentItemsSketch sketch) => SketchBytes.Of(sketch.WriteTo);

    private static FrequentItemsSketch Copy(FrequentItemsSketch sketch) => SketchBytes.Read(Bytes(sketch), FrequentItemsSketch.ReadFrom);

    private static void AssertGuarantees(FrequentItemsSketch sketch, Dictionary<string, long> truth, string what)
    {
        var total = truth.Values.Sum();
        var items = sketch.Items();
        Assert.Equal(total, sketch.TotalCount);
        Assert.True(items.Count <= sketch.MaxItems, what);
        Assert.True(sketch.MaximumError <= (total - items.Sum(i => i.Estimate)) / (sketch.MaxItems + 1), $"{what}: error {sketch.MaximumError} above (N − Σ)/(k + 1)");

        var kept = items.ToDictionary(i => i.Item, StringComparer.Ordinal);
        foreach (var (label, count) in truth)
        {
            var item = sketch.Get(label);
            Assert.InRange(count, item.LowerBound, item.UpperBound);
            Assert.Equal(kept.TryGetValue(label, out var listed) ? listed.Estimate : 0, item.Estimate);
            if (count * (sketch.MaxItems + 1) > total)
            {
                Assert.True(kept.ContainsKey(label), $"{what}: heavy hitter {label} ({count} of {total}) is missing");
            }
        }

        for (var i = 1; i < items.Count; i++)
        {
            Assert.True(
                items[i - 1].Estimate > items[i].Estimate
                || (items[i - 1].Estimate == items[i].Estimate && string.CompareOrdinal(items[i - 1].Item, items[i].Item) < 0),
                $"{what}: items out of order at {i}");
        }
    }
}
