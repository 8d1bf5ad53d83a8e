using Vigil.Cli.Data;
using Vigil.Cli.Evaluation;
using Vigil.Cli.Evaluation.Gates;
using Vigil.Cli.Evaluation.Reports;

namespace Vigil.Cli.Tests.Evaluation;

public sealed class GateEvaluatorTests
{
    private static readonly GateEvaluator Evaluator = new(items => new MeanScorer(items), 20_000, 11);

    private static (MeanScorer Current, BaselineRun Baseline) BootstrapRuns()
    {
        var reference = EvalReference.Root.GetProperty("bootstrap_mean");
        var current = new MeanScorer(MeanScorer.Make(EvalReference.Doubles(reference.GetProperty("current")).Select(v => (double?)v)));
        var baselineScorer = new MeanScorer(MeanScorer.Make(EvalReference.Doubles(reference.GetProperty("baseline")).Select(v => (double?)v)));
        return (current, new BaselineRun("base.json", "regression", null, baselineScorer.ComputeAll(), baselineScorer.Items));
    }

    [Fact]
    public void Evaluate_Absolute_ComparesValueWithThreshold()
    {
        var scorer = new MeanScorer(MeanScorer.Make([0.2, 0.4, 0.9, null]));
        var metrics = scorer.ComputeAll();
        var results = Evaluator.Evaluate([GateParser.Parse("mean>=0.5"), GateParser.Parse("mean>0.5"), GateParser.Parse("pass_rate<0.3"), GateParser.Parse("coverage>=0.75")], scorer, metrics, null);
        // mean of 0.2, 0.4, 0.9 = 0.5; one of four items passes (>= 0.5), the missing one does not: 0.25; coverage 3/4.
        Assert.Equal([true, false, true, true], results.Select(r => r.Passed));
        Assert.Equal(0.5, results[0].Value, 1e-15);
        Assert.Equal(0.25, results[2].Value, 1e-15);
        Assert.Null(results[0].Baseline);
    }

    [Theory]
    // scipy's paired percentile interval of the delta is [-0.0425, -0.0118] with point delta -0.0271 (eval_cli_reference.py).
    [InlineData("mean>=baseline-0.05", true)]   // delta within the allowed drop
    [InlineData("mean>=baseline-0.02", true)]   // delta beyond the allowed drop, but the interval reaches -0.02: noise
    [InlineData("mean>=baseline", false)]       // the whole interval is below 0: a significant drop
    [InlineData("mean>=baseline-0.06%", false)] // allowed -0.06% of ~0.73 = -0.0004: interval excludes it
    [InlineData("mean<=baseline", true)]        // lower-is-better reading: the interval is below 0
    [InlineData("mean<=baseline-0.05", false)]  // requires a fall of at least 0.05: the interval lies above -0.05
    public void Evaluate_RelativeWithBootstrap_FailsOnlyWhenIntervalExcludesAllowedDelta(string gate, bool passed)
    {
        var (current, baseline) = BootstrapRuns();
        var result = Evaluator.Evaluate([GateParser.Parse(gate)], current, current.ComputeAll(), baseline).Single();
        Assert.Equal(passed, result.Passed);
        var reference = EvalReference.Root.GetProperty("bootstrap_mean");
        Assert.Equal(reference.GetProperty("delta").GetDouble(), result.Delta!.Value, 1e-12);
        Assert.Equal(baseline.Metrics["mean"], result.Baseline);
        Assert.NotNull(result.Interval);
    }

    [Fact]
    public void Evaluate_RelativeWithoutBootstrap_PointDeltaDecides()
    {
        var (current, baseline) = BootstrapRuns();
        var evaluator = new GateEvaluator(items => new MeanScorer(items), 0, 1);
        var result = evaluator.Evaluate([GateParser.Parse("mean>=baseline-0.02")], current, current.ComputeAll(), baseline).Single();
        Assert.False(result.Passed);
        Assert.Null(result.Interval);
        Assert.Equal(-0.02, result.AllowedDelta);
    }

    [Fact]
    public void Evaluate_PairsByIdAndIgnoresItemsOnlyOneRunHas()
    {
        var current = new MeanScorer(MeanScorer.Make([0.5, 0.7, 0.9]));
        var baselineItems = MeanScorer.Make([0.4, 0.6]).Concat(MeanScorer.Make([0.0], "other")).ToList();
        var baseline = new BaselineRun("b.json", "regression", null, new MeanScorer(baselineItems).ComputeAll(), baselineItems);
        var result = new GateEvaluator(items => new MeanScorer(items), 0, 1)
            .Evaluate([GateParser.Parse("mean>=baseline")], current, current.ComputeAll(), baseline).Single();
        // shared ids i0, i1: (0.5 + 0.7) / 2 - (0.4 + 0.6) / 2 = 0.1.
        Assert.Equal(0.1, result.Delta!.Value, 1e-12);
        Assert.True(result.Passed);
    }

    [Fact]
    public void Evaluate_RelativeWithoutBaseline_IsUsageError()
    {
        var scorer = new MeanScorer(MeanScorer.Make([0.5]));
        var ex = Assert.Throws<UsageException>(() => Evaluator.Evaluate([GateParser.Parse("mean>=baseline")], scorer, scorer.ComputeAll(), null));
        Assert.Contains("--baseline", ex.Message);
    }

    [Fact]
    public void Evaluate_UnknownMetric_IsUsageErrorListingAvailable()
    {
        var scorer = new MeanScorer(MeanScorer.Make([0.5]));
        var ex = Assert.Throws<UsageException>(() => Evaluator.Evaluate([GateParser.Parse("roc_auc>=0.5")], scorer, scorer.ComputeAll(), null));
        Assert.Contains("'roc_auc' was not computed", ex.Message);
        Assert.Contains("coverage, mean, pass_rate", ex.Message);
    }

    [Fact]
    public void Evaluate_BaselineWithoutItems_IsInputError()
    {
        var scorer = new MeanScorer(MeanScorer.Make([0.5]));
        var baseline = new BaselineRun("b.json", "regression", null, new Dictionary<string, double> { ["mean"] = 0.4 }, null);
        var ex = Assert.Throws<InputException>(() => Evaluator.Evaluate([GateParser.Parse("mean>=baseline")], scorer, scorer.ComputeAll(), baseline));
        Assert.Contains("per-item results", ex.Message);
    }
}
