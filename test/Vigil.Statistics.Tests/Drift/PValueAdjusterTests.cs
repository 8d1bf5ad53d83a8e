using Vigil.Statistics.Drift;

namespace Vigil.Statistics.Tests.Drift;

public sealed class PValueAdjusterTests
{
    private const double Relative = 1e-12;

    public sealed record Case(string Name, double[] P, double[] Bonferroni, double[] Bh);

    public static TheoryData<string> Names => new(TestData.Load<Case[]>("pvalue_correction_reference.json").Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Adjust_MatchesStatsmodels(string name)
    {
        // Reference: statsmodels.stats.multitest.multipletests (TestData/scripts/pvalue_correction_reference.py).
        var c = TestData.Load<Case[]>("pvalue_correction_reference.json").Single(x => x.Name == name);
        var bonferroni = PValueAdjuster.Adjust(c.P, PValueCorrection.Bonferroni);
        var bh = PValueAdjuster.Adjust(c.P, PValueCorrection.BenjaminiHochberg);
        for (var i = 0; i < c.P.Length; i++)
        {
            TestData.AssertClose(c.Bonferroni[i], bonferroni[i], Relative, 1e-300, $"{name} bonferroni[{i}]");
            TestData.AssertClose(c.Bh[i], bh[i], Relative, 1e-300, $"{name} bh[{i}]");
        }
    }

    [Fact]
    public void Adjust_None_ReturnsTheInput()
    {
        double[] p = [0.3, 0.01, 0.2];
        Assert.Equal(p, PValueAdjuster.Adjust(p, PValueCorrection.None));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void Adjust_OutOfRange_Throws(double bad) =>
        Assert.Throws<ArgumentException>(() => PValueAdjuster.Adjust([0.1, bad], PValueCorrection.BenjaminiHochberg));
}
