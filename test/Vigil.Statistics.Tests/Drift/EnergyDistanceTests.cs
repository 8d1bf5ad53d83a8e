using Vigil.Statistics.Drift;
using static Vigil.Statistics.Tests.Drift.NumericTestsReference;

namespace Vigil.Statistics.Tests.Drift;

public class EnergyDistanceTests
{
    public static TheoryData<string> Cases => CaseNames();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_ReferenceCase_MatchesScipy(string name)
    {
        var c = Get(name);
        var distance = EnergyDistance.Compute(Sorted(c.Reference), Sorted(c.Current));

        TestData.AssertClose(c.Energy, distance, StatisticRelative, StatisticAbsolute, name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_ReferenceCase_SymmetricAndZeroOnItself(string name)
    {
        var c = Get(name);
        var x = Sorted(c.Reference);
        var y = Sorted(c.Current);

        TestData.AssertClose(EnergyDistance.Compute(x, y), EnergyDistance.Compute(y, x), StatisticRelative, StatisticAbsolute, name);
        Assert.Equal(0.0, EnergyDistance.Compute(x, x));
        Assert.True(EnergyDistance.Compute(x, y) >= 0);
    }

    [Fact]
    public void Compute_PointMasses_IsSqrtTwoTimesSqrtGap()
    {
        // (∫ (U − V)²)^½ √2 with U, V point masses at 1 and 5: √2 · √4.
        TestData.AssertClose(Math.Sqrt(2) * 2, EnergyDistance.Compute([1.0], [5.0]), 1e-15, 0, "point masses");
    }

    [Fact]
    public void Compute_InfiniteOrUnsorted_Throws()
    {
        Assert.Throws<ArgumentException>(() => EnergyDistance.Compute([1.0, double.PositiveInfinity], [1.0]));
        Assert.Throws<ArgumentException>(() => EnergyDistance.Compute([1.0], [3.0, 2.0]));
        Assert.Equal("sortedReference", Assert.Throws<ArgumentException>(() => EnergyDistance.Compute([], [1.0])).ParamName);
    }
}
