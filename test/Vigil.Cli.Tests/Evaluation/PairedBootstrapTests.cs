using Vigil.Cli.Evaluation.Gates;

namespace Vigil.Cli.Tests.Evaluation;

public sealed class PairedBootstrapTests
{
    // scipy.stats.bootstrap (paired, percentile, 100,000 resamples) against ours (20,000): different random streams,
    // so the bounds agree up to Monte Carlo error; the 2.5% quantile of 20,000 draws has a standard error near 0.0005 here.
    private const double MonteCarloTolerance = 0.002;

    [Fact]
    public void DeltaIntervals_MeanOfContinuousValues_MatchesScipyPercentileBootstrap()
    {
        var reference = EvalReference.Root.GetProperty("bootstrap_mean");
        var current = new MeanScorer(MeanScorer.Make(EvalReference.Doubles(reference.GetProperty("current")).Select(v => (double?)v)));
        var baseline = new MeanScorer(MeanScorer.Make(EvalReference.Doubles(reference.GetProperty("baseline")).Select(v => (double?)v)));
        var interval = PairedBootstrap.DeltaIntervals(current, baseline, ["mean"], 20_000, 3)["mean"];
        Assert.Equal(reference.GetProperty("ci_low").GetDouble(), interval.Low, MonteCarloTolerance);
        Assert.Equal(reference.GetProperty("ci_high").GetDouble(), interval.High, MonteCarloTolerance);
        Assert.Equal(20_000, interval.Resamples);
    }

    [Fact]
    public void DeltaIntervals_SameSeed_SameInterval_OtherSeed_Differs()
    {
        var a = new MeanScorer(MeanScorer.Make(Enumerable.Range(0, 50).Select(i => (double?)(i % 7 / 7.0))));
        var b = new MeanScorer(MeanScorer.Make(Enumerable.Range(0, 50).Select(i => (double?)(i % 5 / 5.0))));
        var first = PairedBootstrap.DeltaIntervals(a, b, ["mean"], 500, 42)["mean"];
        var again = PairedBootstrap.DeltaIntervals(a, b, ["mean"], 500, 42)["mean"];
        var other = PairedBootstrap.DeltaIntervals(a, b, ["mean"], 500, 43)["mean"];
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void DeltaIntervals_ConstantDelta_IsThatDelta()
    {
        var values = Enumerable.Range(0, 30).Select(i => i / 30.0).ToList();
        var a = new MeanScorer(MeanScorer.Make(values.Select(v => (double?)(v + 0.25))));
        var b = new MeanScorer(MeanScorer.Make(values.Select(v => (double?)v)));
        var interval = PairedBootstrap.DeltaIntervals(a, b, ["mean"], 200, 1)["mean"];
        Assert.Equal(0.25, interval.Low, 1e-12);
        Assert.Equal(0.25, interval.High, 1e-12);
    }

    [Fact]
    public void DeltaIntervals_MetricMissingInEveryResample_IsLeftOut()
    {
        var a = new MeanScorer(MeanScorer.Make([0.1, 0.2]));
        var b = new MeanScorer(MeanScorer.Make([0.1, 0.2]));
        var intervals = PairedBootstrap.DeltaIntervals(a, b, ["mean", "roc_auc"], 10, 1);
        Assert.True(intervals.ContainsKey("mean"));
        Assert.False(intervals.ContainsKey("roc_auc"));
    }
}
