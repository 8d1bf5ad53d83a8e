using Vigil.Statistics.Drift;

namespace Vigil.Statistics.Tests.Drift;

public class CramerVonMisesTests
{
    /// <summary>T is computed in scipy's operation order, rank sums added as numpy does: agreement to rounding.</summary>
    private const double StatisticAbsolute = 1e-12;

    /// <summary>P-values: relative agreement, or absolute for tiny p (the limit series is summed to ~1e-16 absolute).</summary>
    private const double PValueRelative = 1e-9;
    private const double PValueAbsolute = 1e-14;

    /// <summary>K_{1/4}: Temme/Steed here, AMOS in scipy; both a few units in the last place from exact.</summary>
    private const double BesselRelative = 1e-13;

    public static TheoryData<int, string> CvmCases()
    {
        var data = new TheoryData<int, string>();
        var cases = KsCvmReference.Instance.Cvm;
        for (var i = 0; i < cases.Length; i++)
        {
            data.Add(i, $"{cases[i].Name} {cases[i].Method}");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CvmCases))]
    public void TwoSample_MatchesScipyCramervonmises2samp(int index, string label)
    {
        var c = KsCvmReference.Instance.Cvm[index];
        var x = KsCvmReference.SortedSample(c.X);
        var y = KsCvmReference.SortedSample(c.Y);

        var (statistic, pValue) = CramerVonMises.TwoSample(x, y, ParseMode(c.Method));

        TestData.AssertClose(c.Statistic, statistic, 0, StatisticAbsolute, $"{label} statistic");
        TestData.AssertClose(c.PValue, pValue, PValueRelative, PValueAbsolute, $"{label} p-value");
    }

    [Fact]
    public void BesselKQuarterOrder_MatchesScipySpecialKv()
    {
        foreach (var c in KsCvmReference.Instance.Kv)
        {
            TestData.AssertClose(c.Kv, BesselK.QuarterOrder(c.X), BesselRelative, 0, $"kv(0.25, {c.X:R})");
        }
    }

    [Fact]
    public void TwoSample_SwappedSamples_SameResult()
    {
        var x = new[] { 0.1, 0.4, 0.4, 0.9, 1.3, 2.0, 2.2 };
        var y = new[] { -0.5, 0.4, 0.7, 1.1, 1.2 };

        foreach (var mode in new[] { CramerVonMisesMode.Exact, CramerVonMisesMode.Asymptotic })
        {
            var forward = CramerVonMises.TwoSample(x, y, mode);
            var backward = CramerVonMises.TwoSample(y, x, mode);
            Assert.Equal(forward.Statistic, backward.Statistic, 14);
            Assert.Equal(forward.PValue, backward.PValue, 14);
        }
    }

    [Fact]
    public void TwoSample_PValue_StaysInUnitInterval()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 100; trial++)
        {
            var x = RandomSorted(random, random.Next(2, 12), 0.0);
            var y = RandomSorted(random, random.Next(2, 12), random.NextDouble() * 3);
            foreach (var mode in new[] { CramerVonMisesMode.Exact, CramerVonMisesMode.Asymptotic })
            {
                var (_, pValue) = CramerVonMises.TwoSample(x, y, mode);
                Assert.InRange(pValue, 0.0, 1.0);
            }
        }
    }

    [Fact]
    public void TwoSample_InvalidInput_Throws()
    {
        double[] ok = [1, 2, 3];
        Assert.Throws<ArgumentException>(() => CramerVonMises.TwoSample([1.0], ok));
        Assert.Throws<ArgumentException>(() => CramerVonMises.TwoSample(ok, [3, 2, 1]));
        Assert.Throws<ArgumentException>(() => CramerVonMises.TwoSample(ok, [1, double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => CramerVonMises.TwoSample(ok, ok, (CramerVonMisesMode)7));
    }

    private static CramerVonMisesMode ParseMode(string method) => method switch
    {
        "auto" => CramerVonMisesMode.Auto,
        "exact" => CramerVonMisesMode.Exact,
        "asymptotic" => CramerVonMisesMode.Asymptotic,
        _ => throw new InvalidDataException(method),
    };

    private static double[] RandomSorted(Random random, int n, double shift)
    {
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = Math.Round(random.NextDouble() * 4, 1) + shift;
        }

        Array.Sort(values);
        return values;
    }
}
