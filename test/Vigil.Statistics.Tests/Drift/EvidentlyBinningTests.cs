using System.Globalization;
using Vigil.Statistics.Drift;

namespace Vigil.Statistics.Tests.Drift;

public class EvidentlyBinningTests
{
    public static TheoryData<string> SturgesNames => BinnedReference.Names(r => r.Sturges, c => c.Name);

    public static TheoryData<string> HistogramNames => BinnedReference.Names(r => r.Histogram, c => c.Name);

    public static TheoryData<string> NumericNames => BinnedReference.Names(r => r.Numeric, c => c.Name);

    [Theory]
    [MemberData(nameof(SturgesNames))]
    public void SturgesEdges_MatchesNumpyBitForBit(string name)
    {
        var expected = BinnedReference.Values.Sturges.Single(c => c.Name == name);

        var edges = EvidentlyBinning.SturgesEdges(expected.Min, expected.Max, expected.Count);

        AssertBitwise(expected.Edges, edges, name);
    }

    [Fact]
    public void SturgesEdges_PowerOfTwoWithRoundingUp_GivesTheExtraBinNumpyGives()
    {
        // numpy 1.24: histogram_bin_edges over 64 values spanning [-0.607, 1.339] has 8 bins, not log2(64) + 1 = 7.
        Assert.Equal(9, EvidentlyBinning.SturgesEdges(-0.607, 1.339, 64).Length);
        Assert.Equal(13, EvidentlyBinning.SturgesEdges(-1.862, 1.308, 1024).Length);
    }

    [Fact]
    public void SturgesEdges_ConstantData_WidensRangeByHalfWithOneBin()
    {
        Assert.Equal([4.5, 5.5], EvidentlyBinning.SturgesEdges(5.0, 5.0, 500));
        Assert.Equal([0.0, 1.0], EvidentlyBinning.SturgesEdges(double.NaN, double.NaN, 0));
    }

    [Theory]
    [InlineData(double.NaN, 1.0)]
    [InlineData(0.0, double.PositiveInfinity)]
    [InlineData(2.0, 1.0)]
    [InlineData(-1e308, 1e308)]
    public void SturgesEdges_InvalidRange_Throws(double min, double max)
    {
        Assert.Throws<ArgumentException>(() => EvidentlyBinning.SturgesEdges(min, max, 10));
    }

    [Theory]
    [MemberData(nameof(HistogramNames))]
    public void HistogramCounts_MatchesNumpy(string name)
    {
        var expected = BinnedReference.Values.Histogram.Single(c => c.Name == name);

        var counts = EvidentlyBinning.HistogramCounts(expected.Values, expected.Edges);

        AssertCounts(expected.Counts, counts, name);
    }

    [Fact]
    public void HistogramCounts_UnsortedValuesOrBadEdges_Throws()
    {
        Assert.Throws<ArgumentException>(() => EvidentlyBinning.HistogramCounts([2.0, 1.0], [0.0, 3.0]));
        Assert.Throws<ArgumentException>(() => EvidentlyBinning.HistogramCounts([1.0], [3.0, 0.0]));
        Assert.Throws<ArgumentException>(() => EvidentlyBinning.HistogramCounts([1.0], [0.0]));
    }

    [Fact]
    public void HistogramCounts_MillionSortedValues_CountsEveryValueOnce()
    {
        const int n = 1_000_000;
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = i;
        }

        var edges = EvidentlyBinning.SturgesEdges(0, n - 1, n);
        var counts = EvidentlyBinning.HistogramCounts(values, edges);

        Assert.Equal(21, counts.Length);
        var total = 0.0;
        foreach (var c in counts)
        {
            total += c;
            Assert.InRange(c, (n / 21) - 2, (n / 21) + 2);
        }

        Assert.Equal(n, total);
    }

    [Theory]
    [MemberData(nameof(NumericNames))]
    public void Bin_MatchesEvidentlyOverNumpy(string name)
    {
        var expected = BinnedReference.Numeric(name);

        var binned = expected.Bin();

        AssertCounts(expected.Ref, binned.Reference, name + " reference");
        AssertCounts(expected.Cur, binned.Current, name + " current");
        if (expected.Edges is { } edges)
        {
            Assert.NotNull(binned.Edges);
            AssertBitwise(edges, binned.Edges, name);
        }
        else
        {
            Assert.Null(binned.Edges);
            Assert.NotNull(binned.Labels);
            Assert.Equal(expected.Values!.Length, binned.Labels.Length);
            for (var i = 0; i < binned.Labels.Length; i++)
            {
                Assert.Equal(expected.Values[i], double.Parse(binned.Labels[i], CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public void Bin_TwentyVersusTwentyOneDistinctReferenceValues_SwitchesToSturges()
    {
        Assert.Null(BinnedReference.Numeric("distinct_20_exact").Bin().Edges);
        Assert.NotNull(BinnedReference.Numeric("distinct_21_exact").Bin().Edges);
    }

    [Theory]
    [MemberData(nameof(NumericNames))]
    public void BinForHellinger_MatchesSturgesOverDistinctValues(string name)
    {
        var expected = BinnedReference.Numeric(name);

        var binned = EvidentlyBinning.BinForHellinger(
            SortedSample.FromUnsorted(expected.Reference), SortedSample.FromUnsorted(expected.Current));

        AssertBitwise(expected.HellingerEdges, binned.Edges!, name);
        AssertCounts(expected.HellingerRef, binned.Reference, name + " reference");
        AssertCounts(expected.HellingerCur, binned.Current, name + " current");
    }

    private static void AssertBitwise(double[] expected, double[] actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: expected {expected.Length} edges, got {actual.Length}");
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(
                BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                $"{what}: edge {i} expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    private static void AssertCounts(long[] expected, double[] actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: expected {expected.Length} bins, got {actual.Length}");
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(expected[i] == actual[i], $"{what}: bin {i} expected {expected[i]}, got {actual[i]}");
        }
    }
}
