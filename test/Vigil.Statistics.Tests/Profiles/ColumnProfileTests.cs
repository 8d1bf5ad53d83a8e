using Vigil.Statistics.Drift;
using Vigil.Statistics.Profiles;

namespace Vigil.Statistics.Tests.Profiles;

public sealed class ColumnProfileTests
{
    private static double[] Normal(int seed, int n, double mean = 0, double sd = 1)
    {
        var random = new Random(seed);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = mean + (sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        return values;
    }

    private static ColumnProfile Profile(IEnumerable<double> values, ProfileOptions? options = null)
    {
        var p = ColumnProfile.Numerical("x", options);
        foreach (var v in values)
        {
            p.Add(v);
        }

        return p;
    }

    [Theory]
    [InlineData("ks")]
    [InlineData("wasserstein")]
    [InlineData("wasserstein_raw")]
    [InlineData("psi")]
    [InlineData("jensenshannon")]
    [InlineData("kl_div")]
    [InlineData("hellinger")]
    [InlineData("anderson")]
    [InlineData("cramer_von_mises")]
    [InlineData("mannw")]
    [InlineData("t_test")]
    [InlineData("energy")]
    public void Evaluate_ExactProfiles_EqualTheRawResult(string method)
    {
        var a = Normal(1, 900);
        var b = Normal(2, 700, 0.2, 1.1);
        var raw = DriftMethods.Get(method).Evaluate(DriftColumnInput.Numerical(SortedSample.FromUnsorted(a), SortedSample.FromUnsorted(b)));
        var result = ProfileDrift.Evaluate(Profile(a), Profile(b), method);
        Assert.True(result.IsExact);
        Assert.Equal(raw.Statistic, result.Result.Statistic);
        Assert.Equal(raw.PValue, result.Result.PValue);
        Assert.Equal(raw.Drifted, result.Result.Drifted);
    }

    [Fact]
    public void Merge_ExactProfiles_StayExactAndEqualTheConcatenation()
    {
        var a = Normal(3, 1000);
        var b = Normal(4, 1500);
        var merged = Profile(a);
        merged.Merge(Profile(b));
        Assert.True(merged.IsExact);
        Assert.Equal([.. a, .. b], merged.ExactValues.ToArray());
        Assert.Equal(2500, merged.Count);
    }

    [Fact]
    public void Merge_PastTheExactLimit_SwitchesToSketches()
    {
        var merged = Profile(Normal(5, 3000));
        merged.Merge(Profile(Normal(6, 3000)));
        Assert.False(merged.IsExact);
        Assert.Equal(6000, merged.Quantiles.Count);
        Assert.Equal(6000, merged.Count);
    }

    [Theory]
    [InlineData(20_000, 30_000, 0.0)]
    [InlineData(50_000, 40_000, 0.05)]
    [InlineData(100_000, 100_000, 0.3)]
    public void Evaluate_KsFromSketches_IntervalHoldsTheRawStatistic(int n, int m, double shift)
    {
        var a = Normal(7, n);
        var b = Normal(8, m, shift);
        var (d, _) = Vigil.Statistics.Drift.KolmogorovSmirnov.TwoSample(SortedSample.FromUnsorted(a).Values, SortedSample.FromUnsorted(b).Values, KsMode.Asymptotic);
        var result = ProfileDrift.Evaluate(Profile(a), Profile(b), "ks");
        Assert.False(result.IsExact);
        Assert.InRange(d, result.StatisticLow!.Value, result.StatisticHigh!.Value);
        var nEff = (int)Math.Round((double)n * m / (n + m));
        var p = Vigil.Statistics.Drift.KolmogorovSmirnov.KolmogorovTwoSidedSurvival(nEff, d);
        Assert.InRange(p, result.PValueLow!.Value, result.PValueHigh!.Value);
    }

    [Theory]
    [InlineData(20_000, 0.0)]
    [InlineData(60_000, 0.5)]
    public void Evaluate_WassersteinFromSketches_IntervalHoldsTheRawValue(int n, double shift)
    {
        var a = Normal(9, n);
        var b = Normal(10, n, shift, 1.3);
        var ra = SortedSample.FromUnsorted(a);
        var rb = SortedSample.FromUnsorted(b);
        var raw = Wasserstein.NormedDistance(ra, rb);
        var result = ProfileDrift.Evaluate(Profile(a), Profile(b), "wasserstein");
        Assert.InRange(raw, result.StatisticLow!.Value, result.StatisticHigh!.Value);
        Assert.Equal(raw >= 0.1, result.Result.Drifted);
    }

    [Fact]
    public void Merge_OrderDoesNotMatterWithinTheBound()
    {
        var parts = Enumerable.Range(0, 4).Select(i => Normal(20 + i, 10_000, i * 0.1)).ToArray();
        var all = parts.SelectMany(p => p).ToArray();
        Array.Sort(all);
        var abcd = Profile(parts[0]);
        foreach (var p in parts.Skip(1))
        {
            abcd.Merge(Profile(p));
        }

        var dcba = Profile(parts[3]);
        foreach (var p in parts.Take(3).Reverse())
        {
            dcba.Merge(Profile(p));
        }

        var eps = abcd.Quantiles.NormalizedRankError(pmf: false);
        foreach (var q in new[] { 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99 })
        {
            foreach (var sketch in new[] { abcd.Quantiles, dcba.Quantiles })
            {
                var estimate = sketch.Quantile(q);
                var rank = (double)UpperBound(all, estimate) / all.Length;
                Assert.InRange(rank, q - eps, q + eps + (1.0 / all.Length));
            }
        }

        Assert.Equal(abcd.Count, dcba.Count);
        Assert.Equal(abcd.Moments.Mean, dcba.Moments.Mean, 12);
        Assert.Equal(abcd.Moments.Min, dcba.Moments.Min);
        Assert.Equal(abcd.Moments.Max, dcba.Moments.Max);
    }

    [Fact]
    public void Categorical_ExactCounts_EqualRawChiSquare()
    {
        var r = ColumnProfile.Categorical("c");
        var c = ColumnProfile.Categorical("c");
        var reference = new Dictionary<string, long> { ["a"] = 50, ["b"] = 30, ["c"] = 20 };
        var current = new Dictionary<string, long> { ["a"] = 20, ["b"] = 30, ["d"] = 5 };
        foreach (var (k, v) in reference)
        {
            for (var i = 0; i < v; i++)
            {
                r.AddLabel(k);
            }
        }

        foreach (var (k, v) in current)
        {
            for (var i = 0; i < v; i++)
            {
                c.AddLabel(k);
            }
        }

        foreach (var method in new[] { "chisquare", "jensenshannon", "psi", "g_test", "tvd" })
        {
            var raw = DriftMethods.Get(method).Evaluate(DriftColumnInput.Categorical(BinnedCounts.FromCategories(reference, current)));
            var fromProfiles = ProfileDrift.Evaluate(r, c, method);
            Assert.True(fromProfiles.IsExact, method);
            Assert.Equal(raw.Statistic, fromProfiles.Result.Statistic);
            Assert.Equal(raw.PValue, fromProfiles.Result.PValue);
        }
    }

    [Fact]
    public void EffectSize_FromSketches_IsWithinTheKsBoundOfTheRawDistance()
    {
        var a = Normal(30, 50_000);
        var b = Normal(31, 50_000, 0.02);
        var raw = Vigil.Statistics.Drift.KolmogorovSmirnov.Statistic(SortedSample.FromUnsorted(a).Values, SortedSample.FromUnsorted(b).Values);
        var pa = Profile(a);
        var pb = Profile(b);
        var bound = pa.Quantiles.NormalizedRankError(pmf: true) + pb.Quantiles.NormalizedRankError(pmf: true);
        Assert.InRange(ProfileDrift.EffectSize(pa, pb), raw - bound, raw + bound);
        var report = DatasetProfileDrift.Analyze(new DatasetProfile([pa], 50_000), new DatasetProfile([pb], 50_000), new DriftOptions { Method = "ks", MinimumEffect = 0.2 }).Report;
        Assert.False(report.Columns[0].Drifted);
        Assert.NotNull(report.Columns[0].Effect);
    }

    [Fact]
    public void Evaluate_MethodNeedingRawValues_OnSketches_ThrowsClearly()
    {
        var ex = Assert.Throws<ArgumentException>(() => ProfileDrift.Evaluate(Profile(Normal(11, 10_000)), Profile(Normal(12, 10_000)), "anderson"));
        Assert.Contains("raw values", ex.Message);
    }

    private static int UpperBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
