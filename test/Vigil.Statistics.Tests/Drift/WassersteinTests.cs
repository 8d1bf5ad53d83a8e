using Vigil.Statistics.Drift;
using static Vigil.Statistics.Tests.Drift.NumericTestsReference;

namespace Vigil.Statistics.Tests.Drift;

public class WassersteinTests
{
    public static TheoryData<string> Cases => CaseNames();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Distance_ReferenceCase_MatchesScipy(string name)
    {
        var c = Get(name);
        var distance = Wasserstein.Distance(Sorted(c.Reference), Sorted(c.Current));

        TestData.AssertClose(c.Wasserstein, distance, StatisticRelative, StatisticAbsolute, name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void NormedDistance_ReferenceCase_MatchesEvidentlyDefinition(string name)
    {
        var c = Get(name);
        var normed = Wasserstein.NormedDistance(Sample(c.Reference), Sample(c.Current));

        TestData.AssertClose(c.WassersteinNormed, normed, StatisticRelative, StatisticAbsolute, name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Distance_ReferenceCase_SymmetricAndZeroOnItself(string name)
    {
        var c = Get(name);
        var x = Sorted(c.Reference);
        var y = Sorted(c.Current);

        TestData.AssertClose(Wasserstein.Distance(x, y), Wasserstein.Distance(y, x), StatisticRelative, StatisticAbsolute, name);
        Assert.Equal(0.0, Wasserstein.Distance(y, y));
        Assert.True(Wasserstein.Distance(x, y) >= 0);
    }

    [Fact]
    public void Distance_Shift_EqualsShiftSize()
    {
        double[] x = [0.0, 1.0, 2.0, 3.0];
        double[] y = [0.5, 1.5, 2.5, 3.5];

        TestData.AssertClose(0.5, Wasserstein.Distance(x, y), 1e-15, 0, "shift by 0.5");
    }

    [Fact]
    public void NormedDistance_ConstantReference_DividesByFloor()
    {
        var normed = Wasserstein.NormedDistance(SortedSample.FromUnsorted([2.0, 2.0, 2.0]), SortedSample.FromUnsorted([2.5]));

        TestData.AssertClose(0.5 / Wasserstein.MinimumNormalizer, normed, 1e-15, 0, "constant reference");
    }

    [Fact]
    public void Distance_InfiniteOrEmpty_Throws()
    {
        Assert.Throws<ArgumentException>(() => Wasserstein.Distance([double.NegativeInfinity, 1.0], [1.0]));
        Assert.Equal("sortedCurrent", Assert.Throws<ArgumentException>(() => Wasserstein.Distance([1.0], [])).ParamName);
    }
}
