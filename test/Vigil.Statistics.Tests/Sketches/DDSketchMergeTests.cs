using Vigil.Statistics.Sketches;
using static Vigil.Statistics.Tests.Sketches.DDSketchTests;

namespace Vigil.Statistics.Tests.Sketches;

public class DDSketchMergeTests
{
    public static TheoryData<string> Families() => new(SketchSamples.FamilyNames);

    [Theory]
    [MemberData(nameof(Families))]
    public void Merge_TwoParts_ByteIdenticalToSketchOfConcatenation(string family)
    {
        var a = SketchSamples.Family(family, 30_000, seed: 1);
        var b = SketchSamples.Family(family, 7_000, seed: 2);

        var merged = Of(a);
        merged.Merge(Of(b));

        var whole = Of([.. a, .. b]);
        Assert.Equal(Bytes(whole), Bytes(merged));
        Assert.Equal(whole.Sum, merged.Sum);
        foreach (var q in new[] { 0, 0.01, 0.5, 0.99, 1 })
        {
            Assert.Equal(whole.Quantile(q), merged.Quantile(q));
        }
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Merge_AnyGroupingAndOrder_SameBytes(string family)
    {
        var values = SketchSamples.Family(family, 50_000, seed: 5);
        var parts = Enumerable.Range(0, 5).Select(p => Of(values[(p * 10_000)..((p + 1) * 10_000)])).ToArray();
        var expected = Bytes(Of(values));

        // ((((p0 p1) p2) p3) p4), (p4 (p3 (p2 (p1 p0)))), ((p0 p1) ((p2 p3) p4))
        var left = Copy(parts[0]);
        for (var i = 1; i < 5; i++)
        {
            left.Merge(parts[i]);
        }

        var right = Copy(parts[0]);
        for (var i = 1; i < 5; i++)
        {
            var next = Copy(parts[i]);
            next.Merge(right);
            right = next;
        }

        var pair = Copy(parts[0]);
        pair.Merge(parts[1]);
        var triple = Copy(parts[2]);
        triple.Merge(parts[3]);
        triple.Merge(parts[4]);
        pair.Merge(triple);

        Assert.Equal(expected, Bytes(left));
        Assert.Equal(expected, Bytes(right));
        Assert.Equal(expected, Bytes(pair));
        Assert.Equal(expected, Bytes(Of(SketchSamples.Shuffled(values, 17))));
    }

    [Fact]
    public void Merge_Empty_IsNeutral()
    {
        var values = SketchSamples.Family("mixed_sign", 1000, seed: 8);
        var sketch = Of(values);
        var expected = Bytes(sketch);

        sketch.Merge(new DDSketch());
        var empty = new DDSketch();
        empty.Merge(Of(values));

        Assert.Equal(expected, Bytes(sketch));
        Assert.Equal(expected, Bytes(empty));
    }

    [Fact]
    public void Merge_WithItself_DoublesEveryCount()
    {
        var values = SketchSamples.Family("mixed_sign", 2000, seed: 4);
        var sketch = Of(values);

        sketch.Merge(sketch);

        Assert.Equal(Bytes(Of([.. values, .. values])), Bytes(sketch));
    }

    [Fact]
    public void Merge_DifferentRelativeAccuracy_Throws()
    {
        var sketch = new DDSketch(0.01);

        Assert.Throws<ArgumentException>(() => sketch.Merge(new DDSketch(0.02)));
    }

    [Fact]
    public void Merge_DifferentBinLimits_KeepsTheSmallerAndCommutes()
    {
        var values = SketchSamples.Family("lognormal", 20_000, seed: 6);
        var wide = new DDSketch(0.01, 2048);
        wide.Add(values.AsSpan(0, 10_000));
        var narrow = new DDSketch(0.01, 100);
        narrow.Add(values.AsSpan(10_000));

        var ab = Copy(wide);
        ab.Merge(narrow);
        var ba = Copy(narrow);
        ba.Merge(wide);
        var direct = new DDSketch(0.01, 100);
        direct.Add(values);

        Assert.Equal(100, ab.MaxBins);
        Assert.Equal(Bytes(direct), Bytes(ab));
        Assert.Equal(Bytes(direct), Bytes(ba));
    }

    [Fact]
    public void Collapse_WideRange_KeepsHighQuantilesAndExactSummaries()
    {
        // lognormal with σ = 6 spans ~1e-10..1e10: far more than 200 bins at α = 1%.
        var random = new Random(12);
        var values = Enumerable.Range(0, 100_000).Select(_ => Math.Exp(6 * SketchSamples.Gaussian(random))).ToArray();
        var sketch = new DDSketch(0.01, maxBins: 200);
        sketch.Add(values);
        var sorted = values.Order().ToArray();

        Assert.Equal(sorted[0], sketch.Min);
        Assert.Equal(sorted[^1], sketch.Max);
        Assert.Equal(values.Length, sketch.Count);

        // 200 bins of width ~2% cover the top factor e^4 ≈ 55 of values: only quantiles there keep the guarantee.
        var floor = sketch.Max / 40;
        var checkedAny = 0;
        foreach (var q in new[] { 0.999, 0.9999, 0.99995, 0.99999, 1 })
        {
            var exact = sorted[(long)Math.Floor(q * (sorted.Length - 1))];
            if (exact >= floor)
            {
                Assert.InRange(sketch.Quantile(q), exact * 0.99 * (1 - 1e-12), exact * 1.01 * (1 + 1e-12));
                checkedAny++;
            }
        }

        Assert.True(checkedAny >= 2);

        // Low quantiles fall in the folded bin: over-estimated, yet never outside [min, max].
        var low = sketch.Quantile(0.01);
        Assert.True(low >= sorted[(long)Math.Floor(0.01 * (sorted.Length - 1))]);
        Assert.InRange(low, sketch.Min, sketch.Max);

        // Collapsing depends on the multiset only: any order and any grouping give the same bytes.
        Assert.Equal(Bytes(sketch), Bytes(OfCollapsing(SketchSamples.Shuffled(values, 3))));
        var first = OfCollapsing(values[..50_000]);
        first.Merge(OfCollapsing(values[50_000..]));
        Assert.Equal(Bytes(sketch), Bytes(first));
    }

    [Fact]
    public void Collapse_ValueFarAboveAllOthers_FoldsEverythingIntoOneBin()
    {
        var sketch = new DDSketch(0.01, maxBins: 10);
        sketch.Add([1.0, 2.0, 3.0]);
        sketch.Add(1e30);

        Assert.Equal(4, sketch.Count);
        Assert.Equal(1e30, sketch.Quantile(1), 1e30 * 0.0100001);
        Assert.InRange(sketch.Quantile(0), 1.0, 1e30);
        Assert.Equal(Bytes(sketch), Bytes(OfCollapsing([1e30, 3.0, 1.0, 2.0], maxBins: 10)));
    }

    private static DDSketch Of(double[] values)
    {
        var sketch = new DDSketch();
        sketch.Add(values);
        return sketch;
    }

    private static DDSketch OfCollapsing(double[] values, int maxBins = 200)
    {
        var sketch = new DDSketch(0.01, maxBins);
        sketch.Add(values);
        return sketch;
    }

    private static DDSketch Copy(DDSketch sketch) => SketchBytes.Read(Bytes(sketch), DDSketch.ReadFrom);
}
