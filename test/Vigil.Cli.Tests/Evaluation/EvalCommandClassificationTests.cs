using System.Text.Json;

namespace Vigil.Cli.Tests.Evaluation;

/// <summary>End to end on the classification fixtures; expected values are sklearn 1.2.1's (eval_cli_reference.py).</summary>
public sealed class EvalCommandClassificationTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private static JsonElement Reference => EvalReference.Root.GetProperty("classification");

    [Fact]
    public void Eval_Binary_MatchesSklearnOverallAndPerTag()
    {
        var (exit, report, error) = EvalCli.Json(_cli, "--dataset", EvalReference.Eval("cls_golden.jsonl"), "--predictions", EvalReference.Eval("cls_preds_a.jsonl"));
        Assert.True(exit == 0, error);
        Assert.Equal("classification", report.GetProperty("task").GetString());
        Assert.Equal(Reference.GetProperty("count").GetInt32(), report.GetProperty("count").GetInt32());
        Assert.Equal(Reference.GetProperty("scored").GetInt32(), report.GetProperty("scored").GetInt32());
        Assert.Equal(Reference.GetProperty("dataset_hash").GetString(), report.GetProperty("dataset_hash").GetString());
        var metrics = report.GetProperty("metrics");
        EvalCli.AssertMetrics(Reference.GetProperty("metrics"), metrics);
        Assert.Equal(Reference.GetProperty("pass_rate").GetDouble(), metrics.GetProperty("pass_rate").GetDouble(), EvalCli.Tolerance);
        Assert.Equal(Reference.GetProperty("coverage").GetDouble(), metrics.GetProperty("coverage").GetDouble(), EvalCli.Tolerance);
        foreach (var tag in Reference.GetProperty("by_tag").EnumerateObject())
        {
            EvalCli.AssertMetrics(tag.Value, report.GetProperty("by_tag").GetProperty(tag.Name));
        }

        Assert.Equal("spam", report.GetProperty("positive_label").GetString());
        Assert.Equal(EvalCli.Compact(Reference.GetProperty("confusion")), EvalCli.Compact(report.GetProperty("confusion")));
    }

    [Fact]
    public void Eval_Binary_ReportsMissingAndExtraIdsAndPerItemResults()
    {
        var (_, report, _) = EvalCli.Json(_cli, "-d", EvalReference.Eval("cls_golden.jsonl"), "-p", EvalReference.Eval("cls_preds_a.jsonl"));
        Assert.Equal(3, report.GetProperty("missing").GetInt32());
        Assert.Equal(0, report.GetProperty("failed").GetInt32());
        Assert.Equal(EvalCli.Compact(Reference.GetProperty("extra")), EvalCli.Compact(report.GetProperty("extra_ids")));
        var items = report.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(60, items.Count);
        var missing = items.Where(i => i.GetProperty("status").GetString() == "missing").Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Equal(Reference.GetProperty("missing").EnumerateArray().Select(e => e.GetString()), missing);
        Assert.All(items.Where(i => i.GetProperty("status").GetString() == "missing"), i => Assert.False(i.GetProperty("pass").GetBoolean()));
        var first = items[0];
        Assert.Equal("ham", first.GetProperty("expected").GetString());
        Assert.Equal(0.2033, first.GetProperty("score").GetDouble());
    }

    [Fact]
    public void Eval_Json_HasTheIssueShapeFirst()
    {
        var (_, report, _) = EvalCli.Json(_cli, "-d", EvalReference.Eval("cls_golden.jsonl"), "-p", EvalReference.Eval("cls_preds_a.jsonl"), "--gate", "accuracy>=0.9");
        var names = report.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["task", "count", "metrics", "by_tag", "fields", "gates", "passed"], names.Take(7));
        Assert.Contains("dataset_hash", names);
        Assert.Contains("items", names);
        var gate = report.GetProperty("gates")[0];
        Assert.Equal(["metric", "rule", "value", "baseline", "passed"], gate.EnumerateObject().Select(p => p.Name).Take(5));
        Assert.Equal("accuracy", gate.GetProperty("metric").GetString());
        Assert.Equal(">= 0.9", gate.GetProperty("rule").GetString());
        Assert.Equal(JsonValueKind.Null, gate.GetProperty("baseline").ValueKind);
        Assert.True(report.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public void Eval_Multiclass_MatchesSklearnWithProbabilities()
    {
        var (exit, report, error) = EvalCli.Json(_cli, "-d", EvalReference.Eval("mc_golden.jsonl"), "-p", EvalReference.Eval("mc_preds.jsonl"));
        Assert.True(exit == 0, error);
        var reference = EvalReference.Root.GetProperty("multiclass");
        EvalCli.AssertMetrics(reference.GetProperty("metrics"), report.GetProperty("metrics"));
        var labels = report.GetProperty("confusion").GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ToList();
        Assert.Equal(reference.GetProperty("confusion").GetProperty("labels").EnumerateArray().Select(l => l.GetString()), labels);
        var expectedMatrix = reference.GetProperty("confusion").GetProperty("matrix").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetInt64()).ToList()).ToList();
        var matrix = report.GetProperty("confusion").GetProperty("matrix").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetInt64()).ToList()).ToList();
        Assert.Equal(expectedMatrix, matrix);
        Assert.False(report.TryGetProperty("positive_label", out _));
    }

    [Fact]
    public void Eval_TableAndMarkdownAndJunit_AreWritten()
    {
        var table = _cli.PathOf("report.txt");
        var markdown = _cli.PathOf("summary.md");
        var junit = _cli.PathOf("junit.xml");
        var (exit, error) = _cli.Run("eval", "-d", EvalReference.Eval("cls_golden.jsonl"), "-p", EvalReference.Eval("cls_preds_a.jsonl"),
            "--gate", "accuracy>=0.99", "--gate", "coverage>=0.9", "-o", table, "--markdown", markdown, "--junit", junit);
        Assert.True(exit == 1, error);
        var text = File.ReadAllText(table);
        Assert.Contains("task classification", text);
        Assert.Contains("60 items: 57 scored, 3 missing, 0 failed", text);
        Assert.Contains("Confusion matrix", text);
        Assert.Contains("accuracy >= 0.99", text);
        Assert.Contains("Failed: 1 of 2 gates failed", text);
        var md = File.ReadAllText(markdown);
        Assert.Contains("### vigil eval: **failed** (1 of 2 gates)", md);
        Assert.Contains("| `accuracy >= 0.99` | 0.9474 | - | - | **FAIL** |", md);
        Assert.Contains("| email | hard | sms |", md);
        var xml = System.Xml.Linq.XDocument.Load(junit);
        var cases = xml.Descendants("testcase").ToList();
        Assert.Equal(2, cases.Count);
        Assert.Equal("accuracy >= 0.99", cases[0].Attribute("name")!.Value);
        Assert.Single(cases[0].Elements("failure"));
        Assert.Contains("does not satisfy >= 0.99", cases[0].Element("failure")!.Attribute("message")!.Value);
        Assert.Empty(cases[1].Elements("failure"));
        Assert.Equal("1", xml.Root!.Attribute("failures")!.Value);
    }

    [Fact]
    public void Eval_PositiveLabelOption_ChangesBinaryHeadlineMetrics()
    {
        var (_, report, _) = EvalCli.Json(_cli, "-d", EvalReference.Eval("cls_golden.jsonl"), "-p", EvalReference.Eval("cls_preds_a.jsonl"), "--positive-label", "ham");
        Assert.Equal("ham", report.GetProperty("positive_label").GetString());
        // With ham positive, precision is ham's: 31 / (31 + 3) from sklearn's confusion matrix [[31, 0], [3, 23]].
        var matrix = Reference.GetProperty("confusion").GetProperty("matrix");
        var tpHam = matrix[0][0].GetDouble();
        Assert.Equal(tpHam / (tpHam + matrix[1][0].GetDouble()), report.GetProperty("metrics").GetProperty("precision").GetDouble(), EvalCli.Tolerance);
    }

    [Fact]
    public void Eval_ScoresOnSomeRowsOnly_LeavesProbabilisticMetricsOutWithAWarning()
    {
        var golden = _cli.Write("g.jsonl", "{\"id\": \"1\", \"input\": 1, \"expected\": \"yes\"}\n{\"id\": \"2\", \"input\": 2, \"expected\": \"no\"}\n");
        var predictions = _cli.Write("p.jsonl", "{\"id\": \"1\", \"prediction\": \"yes\", \"score\": 0.8}\n{\"id\": \"2\", \"prediction\": \"yes\"}\n");
        var (exit, report, error) = EvalCli.Json(_cli, "-d", golden, "-p", predictions, "--task", "classification");
        Assert.True(exit == 0, error);
        Assert.False(report.GetProperty("metrics").TryGetProperty("roc_auc", out _));
        Assert.Contains("1 of 2 predictions carry score or probabilities", report.GetProperty("warnings")[0].GetString());
        // One of two right.
        Assert.Equal(0.5, report.GetProperty("metrics").GetProperty("accuracy").GetDouble());
    }
}
