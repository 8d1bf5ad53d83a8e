using System.Text.Json;

namespace Vigil.Cli.Tests.Evaluation;

/// <summary>Gates end to end; bootstrap intervals compared with scipy.stats.bootstrap (paired, percentile, eval_cli_reference.py).</summary>
public sealed class EvalCommandGateTests : IDisposable
{
    // pass_rate deltas live on a grid of 1/60 (60 items); two bootstraps with different random streams can put a
    // percentile on neighbouring grid points, so the bounds agree within one step.
    private const double GridStep = (1.0 / 60) + 1e-9;

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private static JsonElement Bootstrap(string pair) => EvalReference.Root.GetProperty("classification").GetProperty("pass_rate_bootstrap").GetProperty(pair);

    private string Baseline()
    {
        var path = _cli.PathOf("baseline.json");
        var (exit, error) = _cli.Run("eval", "-d", EvalReference.Eval("cls_golden.jsonl"), "-p", EvalReference.Eval("cls_preds_b.jsonl"), "--format", "json", "-o", path);
        Assert.True(exit == 0, error);
        return path;
    }

    [Fact]
    public void Gate_DropWithinNoise_PassesAndIntervalMatchesScipy()
    {
        var (exit, report, error) = EvalCli.Json(_cli, "-d", EvalReference.Eval("cls_golden.jsonl"), "-p", EvalReference.Eval("cls_preds_a.jsonl"),
            "--baseline", Baseline(), "--gate", "pass_rate>=baseline");
        var reference = Bootstrap("a_vs_b");
        var gate = report.GetProperty("gates")[0];
        Assert.True(exit == 0, error);
        Assert.True(gate.GetProperty("passed").GetBoolean());
        Assert.Equal(reference.GetProperty("value").GetDouble(), gate.GetProperty("value").GetDouble(), 12);
        Assert.Equal(reference.GetProperty("baseline").GetDouble(), gate.GetProperty("baseline").GetDouble(), 12);
        Assert.Equal(reference.GetProperty("delta").GetDouble(), gate.GetProperty("delta").GetDouble(), 12);
        Assert.True(gate.GetProperty("delta").GetDouble() < 0, "the point estimate dropped");
        Assert.Equal(reference.GetProperty("ci_low").GetDouble(), gate.GetProperty("ci_low").GetDouble(), GridStep);
        Assert.Equal(reference.GetProperty("ci_high").GetDouble(), gate.GetProperty("ci_high").GetDouble(), GridStep);
        Assert.Contains("not significant", gate.GetProperty("note").GetString());
        Assert.Equal(1000, report.GetProperty("bootstrap").GetProperty("resamples").GetInt32());
    }

    [Fact]
    public void Gate_SignificantRegression_FailsWithExitOneAndJunitFailure()
    {
        var junit = _cli.PathOf("junit.xml");
        var (exit, report, _) = EvalCli.Json(_cli, "-d", EvalReference.Eval("cls_golden.jsonl"), "-p", EvalReference.Eval("cls_preds_c.jsonl"),
            "--baseline", Baseline(), "--gate", "pass_rate>=baseline-0.05", "--gate", "accuracy>=0.3", "--junit", junit);
        var reference = Bootstrap("c_vs_b");
        Assert.Equal(1, exit);
        Assert.False(report.GetProperty("passed").GetBoolean());
        var gate = report.GetProperty("gates")[0];
        Assert.False(gate.GetProperty("passed").GetBoolean());
        Assert.Equal(-0.05, gate.GetProperty("allowed_delta").GetDouble(), 12);
        Assert.Equal(reference.GetProperty("ci_low").GetDouble(), gate.GetProperty("ci_low").GetDouble(), GridStep);
        Assert.Equal(reference.GetProperty("ci_high").GetDouble(), gate.GetProperty("ci_high").GetDouble(), GridStep);
        Assert.True(report.GetProperty("gates")[1].GetProperty("passed").GetBoolean());
        var failure = System.Xml.Linq.XDocument.Load(junit).Descendants("failure").Single();
        Assert.Contains("significant regression", failure.Attribute("message")!.Value);
    }

    [Fact]
    public void Gate_BootstrapZero_PointDeltaDecides()
    {
        var (exit, report, _) = EvalCli.Json(_cli, "-d", EvalReference.Eval("cls_golden.jsonl"), "-p", EvalReference.Eval("cls_preds_a.jsonl"),
            "--baseline", Baseline(), "--gate", "pass_rate>=baseline", "--bootstrap", "0");
        Assert.Equal(1, exit);
        var gate = report.GetProperty("gates")[0];
        Assert.False(gate.GetProperty("passed").GetBoolean());
        Assert.False(gate.TryGetProperty("ci_low", out _));
    }

    [Fact]
    public void Gate_SameSeed_SameInterval()
    {
        var baseline = Baseline();
        string[] args = ["-d", EvalReference.Eval("cls_golden.jsonl"), "-p", EvalReference.Eval("cls_preds_a.jsonl"), "--baseline", baseline, "--gate", "f1>=baseline-0.02", "--seed", "9"];
        var first = EvalCli.Json(_cli, args).Report.GetProperty("gates")[0];
        var second = EvalCli.Json(_cli, args).Report.GetProperty("gates")[0];
        Assert.Equal(first.GetProperty("ci_low").GetDouble(), second.GetProperty("ci_low").GetDouble());
        Assert.Equal(first.GetProperty("ci_high").GetDouble(), second.GetProperty("ci_high").GetDouble());
    }

    [Fact]
    public void Gate_FileWithObjectsAndStrings_AllEvaluated()
    {
        var gates = _cli.Write("gates.json", """{"gates": ["accuracy>=0.9", {"metric": "f1", "max_drop": 0.02}, {"metric": "log_loss", "max_relative_increase": 50}, {"metric": "coverage", "min": 0.99}]}""");
        var (exit, report, _) = EvalCli.Json(_cli, "-d", EvalReference.Eval("cls_golden.jsonl"), "-p", EvalReference.Eval("cls_preds_a.jsonl"), "--baseline", Baseline(), "--gates", gates);
        var results = report.GetProperty("gates").EnumerateArray().ToList();
        Assert.Equal(["accuracy", "f1", "log_loss", "coverage"], results.Select(g => g.GetProperty("metric").GetString()));
        Assert.Equal([">= 0.9", ">= baseline - 0.02", "<= baseline + 50%", ">= 0.99"], results.Select(g => g.GetProperty("rule").GetString()));
        // coverage is 57/60 = 0.95 < 0.99: that gate fails, so the run fails.
        Assert.False(results[3].GetProperty("passed").GetBoolean());
        Assert.Equal(1, exit);
    }

    [Fact]
    public void Gate_BaselineOfAnotherDatasetVersion_Warns()
    {
        var baseline = JsonDocument.Parse(File.ReadAllText(Baseline())).RootElement;
        var edited = JsonSerializer.Serialize(baseline).Replace(baseline.GetProperty("dataset_hash").GetString()!, "sha256:0000", StringComparison.Ordinal);
        var path = _cli.Write("old.json", edited);
        var (_, report, _) = EvalCli.Json(_cli, "-d", EvalReference.Eval("cls_golden.jsonl"), "-p", EvalReference.Eval("cls_preds_a.jsonl"), "--baseline", path, "--gate", "f1>=baseline-0.1");
        Assert.Contains("another version of the dataset", report.GetProperty("warnings")[0].GetString());
    }

    [Fact]
    public void Gate_ExtractionOwnOutputAsBaseline_ZeroDeltaIncludingGrounding()
    {
        string[] common = ["-d", EvalReference.Eval("ext_golden.jsonl"), "-p", EvalReference.Eval("ext_preds.jsonl"), "--field", "date=date", "--field", "total=currency"];
        var baseline = _cli.PathOf("ext-base.json");
        Assert.Equal(0, _cli.Run(["eval", .. common, "--format", "json", "-o", baseline]).Exit);
        var (exit, report, error) = EvalCli.Json(_cli, [.. common, "--baseline", baseline, "--gate", "grounding>=baseline", "--gate", "field_exact_match>=baseline", "--gate", "pass_rate>=baseline"]);
        Assert.True(exit == 0, error);
        Assert.All(report.GetProperty("gates").EnumerateArray(), g => Assert.Equal(0.0, g.GetProperty("delta").GetDouble()));
        // grounding recomputed on the baseline's items with inputs from the dataset: 7 of 10 (hand-counted in EvalCommandTasksTests).
        Assert.Equal(0.7, report.GetProperty("gates")[0].GetProperty("baseline").GetDouble(), 12);
    }

    [Theory]
    [InlineData("f1>=baseline", null, "compares with a baseline: give --baseline")]
    [InlineData("mae<=3", null, "metric 'mae' was not computed")]
    [InlineData("accuracy=>0.9", null, "expected METRIC OP VALUE")]
    [InlineData("mae<=baseline", "reg", "is a 'regression' run, this run's task is 'classification'")]
    public void Gate_Unusable_ExitsTwo(string gate, string? baselineKind, string message)
    {
        List<string> args = ["eval", "-d", EvalReference.Eval("cls_golden.jsonl"), "-p", EvalReference.Eval("cls_preds_a.jsonl"), "--gate", gate];
        if (baselineKind == "reg")
        {
            var path = _cli.PathOf("reg.json");
            Assert.Equal(0, _cli.Run("eval", "-d", EvalReference.Eval("reg_golden.jsonl"), "-p", EvalReference.Eval("reg_preds.jsonl"), "--format", "json", "-o", path).Exit);
            args.AddRange(["--baseline", path]);
        }

        var (exit, error) = _cli.Run([.. args]);
        Assert.Equal(2, exit);
        Assert.Contains(message, error);
    }
}
