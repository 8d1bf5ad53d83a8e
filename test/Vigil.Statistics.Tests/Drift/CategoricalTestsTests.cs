using Vigil.Statistics.Drift;
using static Vigil.Statistics.Tests.Drift.BinnedReference;

namespace Vigil.Statistics.Tests.Drift;

public class CategoricalTestsTests
{
    public static TheoryData<string> CategoricalNames => Names(r => r.Categorical, c => c.Name);

    public static TheoryData<string> BinaryNames => Names(r => r.Categorical.Where(c => c.FisherPValue is not null), c => c.Name);

    [Theory]
    [MemberData(nameof(CategoricalNames))]
    public void ChiSquare_MatchesScipyChisquareOnEvidentlyExpectedCounts(string name)
    {
        var expected = Categorical(name);

        var (statistic, p) = ChiSquareGoodnessOfFit.Test(expected.Counts());

        TestData.AssertClose(expected.ChiSquare, statistic, DistanceRelative, 0, name + " statistic");
        TestData.AssertClose(expected.ChiSquarePValue, p, PValueRelative, PValueAbsolute, name + " p");
    }

    [Theory]
    [MemberData(nameof(CategoricalNames))]
    public void GTest_MatchesScipyPowerDivergenceLogLikelihood(string name)
    {
        var expected = Categorical(name);

        var (statistic, p) = GTest.Test(expected.Counts());

        TestData.AssertClose(expected.G, statistic, DistanceRelative, DistanceAbsolute, name + " statistic");
        TestData.AssertClose(expected.GPValue, p, PValueRelative, PValueAbsolute, name + " p");
    }

    [Theory]
    [MemberData(nameof(BinaryNames))]
    public void TwoProportionZ_MatchesEvidentlyFormulaOverScipyNorm(string name)
    {
        var expected = Categorical(name);

        var (z, p) = TwoProportionZTest.Test(expected.Counts());

        if (expected.Z is { } expectedZ)
        {
            TestData.AssertClose(expectedZ, z, DistanceRelative, 0, name + " z");
        }

        TestData.AssertClose(expected.ZPValue!.Value, p, PValueRelative, PValueAbsolute, name + " p");
    }

    [Theory]
    [MemberData(nameof(BinaryNames))]
    public void FisherExact_MatchesScipyFisherExact(string name)
    {
        var expected = Categorical(name);

        var (oddsRatio, p) = FisherExact.Test(expected.Counts());

        TestData.AssertClose(expected.OddsRatio!.Value, oddsRatio, DistanceRelative, 0, name + " odds ratio");
        TestData.AssertClose(expected.FisherPValue!.Value, p, PValueRelative, PValueAbsolute, name + " p");
    }

    [Fact]
    public void BinaryTests_RandomTables_MatchScipy()
    {
        Assert.True(Values.Binary.Length > 250);
        foreach (var c in Values.Binary)
        {
            var what = $"ref [{c.Ref[0]}, {c.Ref[1]}] cur [{c.Cur[0]}, {c.Cur[1]}]";
            var counts = c.Counts();
            var (z, zp) = TwoProportionZTest.Test(counts);
            TestData.AssertClose(c.Z, z, DistanceRelative, 0, what + " z");
            TestData.AssertClose(c.ZPValue, zp, PValueRelative, PValueAbsolute, what + " z p");
            var (oddsRatio, fp) = FisherExact.Test(counts);
            TestData.AssertClose(c.OddsRatio, oddsRatio, DistanceRelative, 0, what + " odds ratio");
            TestData.AssertClose(c.FisherPValue, fp, PValueRelative, PValueAbsolute, what + " Fisher p");
        }
    }

    [Fact]
    public void OneCategory_FollowsEvidentlyShortCuts()
    {
        var counts = Categorical("one_category").Counts();

        Assert.Equal((0.0, 1.0), TwoProportionZTest.Test(counts));
        var (oddsRatio, p) = FisherExact.Test(counts);
        Assert.True(double.IsNaN(oddsRatio));
        Assert.Equal(1.0, p);
        Assert.True(double.IsNaN(ChiSquareGoodnessOfFit.Test(counts).PValue), "df = 0 gives NaN in scipy");
    }

    [Fact]
    public void BinaryTests_ThreeCategories_Throw()
    {
        var counts = Categorical("three_categories").Counts();

        var z = Assert.Throws<ArgumentException>(() => TwoProportionZTest.Test(counts));
        Assert.Contains("exactly 2 categories", z.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => FisherExact.Test(counts));
    }

    [Fact]
    public void BinaryTests_BinsEmptyOnBothSidesAreNotCategories()
    {
        var counts = new BinnedCounts([12, 0, 3], [5, 0, 9]);
        var expected = Categorical("binary_small");

        TestData.AssertClose(expected.FisherPValue!.Value, FisherExact.Test(counts).PValue, PValueRelative, 0, "Fisher");
        TestData.AssertClose(expected.ZPValue!.Value, TwoProportionZTest.Test(counts).PValue, PValueRelative, 0, "z");
    }

    [Fact]
    public void CategoryOnlyInCurrent_GivesInfiniteStatisticAndZeroP()
    {
        var (statistic, p) = ChiSquareGoodnessOfFit.Test(Categorical("only_in_current").Counts());

        Assert.Equal(double.PositiveInfinity, statistic);
        Assert.Equal(0.0, p);
    }

    [Fact]
    public void IdenticalShares_GiveNoDrift()
    {
        var counts = Categorical("identical_shares").Counts();

        Assert.Equal(1.0, ChiSquareGoodnessOfFit.Test(counts).PValue);
        Assert.Equal(1.0, GTest.Test(counts).PValue);
    }

    [Fact]
    public void FisherExact_FractionalCounts_Throw()
    {
        Assert.Throws<ArgumentException>(() => FisherExact.Test(new BinnedCounts([1.5, 2], [3, 4])));
    }
}
