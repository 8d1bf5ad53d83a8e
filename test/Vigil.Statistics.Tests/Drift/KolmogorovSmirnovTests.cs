using Vigil.Statistics.Drift;

namespace Vigil.Statistics.Tests.Drift;

public class KolmogorovSmirnovTests
{
    /// <summary>The statistic is a ratio of counts computed in scipy's operation order: agreement to rounding.</summary>
    private const double StatisticAbsolute = 1e-12;

    /// <summary>P-values: relative agreement, or absolute for tiny p where relative error is meaningless.</summary>
    private const double PValueRelative = 1e-9;
    private const double PValueAbsolute = 1e-14;

    /// <summary>kstwo.sf in the bulk: the port follows scipy's algorithms; only BLAS/libm rounding differs.</summary>
    private const double KstwoRelative = 1e-10;
    private const double KstwoAbsolute = 1e-14;

    public static TheoryData<int, string> KsCases()
    {
        var data = new TheoryData<int, string>();
        var cases = KsCvmReference.Instance.Ks;
        for (var i = 0; i < cases.Length; i++)
        {
            data.Add(i, $"{cases[i].Name} {cases[i].Alternative} {cases[i].Method}");
        }

        return data;
    }

    public static TheoryData<int, string> KstwoCases()
    {
        var data = new TheoryData<int, string>();
        var cases = KsCvmReference.Instance.Kstwo;
        for (var i = 0; i < cases.Length; i++)
        {
            data.Add(i, $"n={cases[i].N} d={cases[i].D:R}");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KsCases))]
    public void TwoSample_MatchesScipyKs2samp(int index, string label)
    {
        var c = KsCvmReference.Instance.Ks[index];
        var x = KsCvmReference.SortedSample(c.X);
        var y = KsCvmReference.SortedSample(c.Y);

        var (statistic, pValue) = KolmogorovSmirnov.TwoSample(x, y, ParseMode(c.Method), ParseAlternative(c.Alternative));

        TestData.AssertClose(c.Statistic, statistic, 0, StatisticAbsolute, $"{label} statistic");
        TestData.AssertClose(c.PValue, pValue, PValueRelative, PValueAbsolute, $"{label} p-value");
    }

    [Theory]
    [MemberData(nameof(KstwoCases))]
    public void KolmogorovTwoSidedSurvival_MatchesScipyKstwoSf(int index, string label)
    {
        var c = KsCvmReference.Instance.Kstwo[index];

        var sf = KolmogorovSmirnov.KolmogorovTwoSidedSurvival(c.N, c.D);

        TestData.AssertClose(c.Sf, sf, KstwoRelative, KstwoAbsolute, label);
    }

    [Fact]
    public void SmirnovSurvival_MatchesScipySpecialSmirnov()
    {
        foreach (var c in KsCvmReference.Instance.Smirnov)
        {
            var sf = SmirnovDistribution.Survival(c.N, c.D);
            TestData.AssertClose(c.Sf, sf, KstwoRelative, KstwoAbsolute, $"smirnov({c.N}, {c.D:R})");
        }
    }

    [Fact]
    public void TwoSample_LargeSamplesAuto_IsAsymptotic()
    {
        var x = Sequence(12000, 0.0, 1.0);
        var y = Sequence(15000, 0.25, 1.0);

        var auto = KolmogorovSmirnov.TwoSample(x, y);
        var asymptotic = KolmogorovSmirnov.TwoSample(x, y, KsMode.Asymptotic);

        Assert.Equal(asymptotic, auto);
    }

    [Fact]
    public void TwoSample_SwappedSamples_SameTwoSidedResultAndMirroredOneSided()
    {
        var x = new[] { 0.1, 0.4, 0.4, 0.9, 1.3, 2.0, 2.2 };
        var y = new[] { -0.5, 0.4, 0.7, 1.1, 1.2 };

        Assert.Equal(KolmogorovSmirnov.TwoSample(x, y), KolmogorovSmirnov.TwoSample(y, x));
        Assert.Equal(
            KolmogorovSmirnov.TwoSample(x, y, alternative: KsAlternative.Less),
            KolmogorovSmirnov.TwoSample(y, x, alternative: KsAlternative.Greater));
    }

    [Theory]
    [InlineData(KsMode.Auto)]
    [InlineData(KsMode.Exact)]
    [InlineData(KsMode.Asymptotic)]
    public void TwoSample_IdenticalSamples_NoDrift(KsMode mode)
    {
        var x = Sequence(300, 1.0, 0.5);

        var (statistic, pValue) = KolmogorovSmirnov.TwoSample(x, x, mode);

        Assert.Equal(0.0, statistic);
        Assert.Equal(1.0, pValue);
    }

    [Fact]
    public void TwoSample_StatisticAndPValue_StayInUnitInterval()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            var x = RandomSorted(random, random.Next(1, 40), 0.0);
            var y = RandomSorted(random, random.Next(1, 40), random.NextDouble());
            foreach (var alternative in new[] { KsAlternative.TwoSided, KsAlternative.Less, KsAlternative.Greater })
            {
                var (statistic, pValue) = KolmogorovSmirnov.TwoSample(x, y, KsMode.Exact, alternative);
                Assert.InRange(statistic, 0.0, 1.0);
                Assert.InRange(pValue, 0.0, 1.0);
            }
        }
    }

    [Fact]
    public void TwoSample_InvalidInput_Throws()
    {
        double[] ok = [1, 2, 3];
        Assert.Throws<ArgumentException>(() => KolmogorovSmirnov.TwoSample([], ok));
        Assert.Throws<ArgumentException>(() => KolmogorovSmirnov.TwoSample(ok, [2, 1]));
        Assert.Throws<ArgumentException>(() => KolmogorovSmirnov.TwoSample(ok, [1, double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => KolmogorovSmirnov.TwoSample(ok, ok, (KsMode)9));
        Assert.Throws<ArgumentOutOfRangeException>(() => KolmogorovSmirnov.KolmogorovTwoSidedSurvival(0, 0.5));
        Assert.Throws<ArgumentException>(() => KolmogorovSmirnov.KolmogorovTwoSidedSurvival(5, double.NaN));
    }

    private static KsMode ParseMode(string method) => method switch
    {
        "auto" => KsMode.Auto,
        "exact" => KsMode.Exact,
        "asymp" => KsMode.Asymptotic,
        _ => throw new InvalidDataException(method),
    };

    private static KsAlternative ParseAlternative(string alternative) => alternative switch
    {
        "two-sided" => KsAlternative.TwoSided,
        "less" => KsAlternative.Less,
        "greater" => KsAlternative.Greater,
        _ => throw new InvalidDataException(alternative),
    };

    private static double[] Sequence(int n, double offset, double step)
    {
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = offset + (i * step / n);
        }

        return values;
    }

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
