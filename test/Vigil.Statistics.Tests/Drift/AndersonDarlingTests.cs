using Vigil.Statistics.Drift;
using static Vigil.Statistics.Tests.Drift.NumericTestsReference;

namespace Vigil.Statistics.Tests.Drift;

public class AndersonDarlingTests
{
    public static TheoryData<string> Cases => CaseNames();

    [Theory]
    [MemberData(nameof(Cases))]
    public void KSample_ReferenceCase_MatchesScipy(string name)
    {
        var c = Get(name);
        var (statistic, p) = AndersonDarling.KSample(Sorted(c.Reference), Sorted(c.Current));

        TestData.AssertClose(c.Anderson.Statistic, statistic, StatisticRelative, StatisticAbsolute, $"{name} statistic");
        TestData.AssertClose(c.Anderson.PValue, p, PValueRelative, 0, $"{name} p-value");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void KSample_SwappedSamples_SameResult(string name)
    {
        var c = Get(name);
        var forward = AndersonDarling.KSample(Sorted(c.Reference), Sorted(c.Current));
        var backward = AndersonDarling.KSample(Sorted(c.Current), Sorted(c.Reference));

        TestData.AssertClose(forward.Statistic, backward.Statistic, StatisticRelative, StatisticAbsolute, $"{name} statistic");
        TestData.AssertClose(forward.PValue, backward.PValue, PValueRelative, 0, $"{name} p-value");
    }

    [Fact]
    public void KSample_PValue_StaysInScipysRange()
    {
        var rng = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            var x = RandomSorted(rng, rng.Next(2, 60), 0);
            var y = RandomSorted(rng, rng.Next(2, 60), rng.NextDouble() * 2);
            var (_, p) = AndersonDarling.KSample(x, y);
            Assert.InRange(p, 0.001, 0.25);
        }
    }

    [Fact]
    public void KSample_IdenticalSamples_StatisticBelowTableAndPCapped()
    {
        double[] x = [1, 2, 2, 3, 5, 8, 13];
        var (statistic, p) = AndersonDarling.KSample(x, x);

        Assert.True(statistic < 0);
        Assert.Equal(0.25, p);
    }

    [Fact]
    public void KSample_OneDistinctValue_ReturnsNaN()
    {
        // scipy raises ValueError("anderson_ksamp needs more than one distinct observation"); Vigil returns NaN.
        var (statistic, p) = AndersonDarling.KSample([4.0, 4.0, 4.0], [4.0, 4.0]);

        Assert.True(double.IsNaN(statistic));
        Assert.True(double.IsNaN(p));
    }

    [Fact]
    public void KSample_EmptySample_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => AndersonDarling.KSample([], [1.0, 2.0]));
        Assert.Equal("sortedReference", ex.ParamName);
    }

    [Fact]
    public void KSample_UnsortedOrNaN_Throws()
    {
        Assert.Throws<ArgumentException>(() => AndersonDarling.KSample([1.0, 2.0], [3.0, 1.0]));
        Assert.Throws<ArgumentException>(() => AndersonDarling.KSample([1.0, double.NaN], [1.0, 2.0]));
    }

    private static double[] RandomSorted(Random rng, int n, double shift)
    {
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = Math.Round((rng.NextDouble() * 4) + shift, 1);
        }

        Array.Sort(values);
        return values;
    }
}
