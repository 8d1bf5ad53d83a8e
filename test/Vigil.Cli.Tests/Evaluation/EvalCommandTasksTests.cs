using System.Text.Json;

namespace Vigil.Cli.Tests.Evaluation;

/// <summary>End to end for regression (sklearn), text (sacreBLEU's and rouge-score's published expectations) and extraction (hand-counted).</summary>
public sealed class EvalCommandTasksTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Eval_Regression_InferredAndMatchesSklearn()
    {
        var (exit, report, error) = EvalCli.Json(_cli, "-d", EvalReference.Eval("reg_golden.jsonl"), "-p", EvalReference.Eval("reg_preds.jsonl"));
        Assert.True(exit == 0, error);
        var reference = EvalReference.Root.GetProperty("regression");
        Assert.Equal("regression", report.GetProperty("task").GetString());
        EvalCli.AssertMetrics(reference.GetProperty("metrics"), report.GetProperty("metrics"));
        EvalCli.AssertMetrics(reference.GetProperty("by_tag").GetProperty("big"), report.GetProperty("by_tag").GetProperty("big"));
        EvalCli.AssertMetrics(reference.GetProperty("by_tag").GetProperty("small"), report.GetProperty("by_tag").GetProperty("small"));
        Assert.Equal(reference.GetProperty("coverage").GetDouble(), report.GetProperty("metrics").GetProperty("coverage").GetDouble(), EvalCli.Tolerance);
        Assert.False(report.GetProperty("metrics").TryGetProperty("pass_rate", out _));
    }

    [Fact]
    public void Eval_TextWithTwoReferenceStreams_MatchesSacreBleuReadmeExample()
    {
        var (exit, report, error) = EvalCli.Json(_cli, "-d", EvalReference.Eval("text_golden.jsonl"), "-p", EvalReference.Eval("text_preds.jsonl"));
        Assert.True(exit == 0, error);
        Assert.Equal("text", report.GetProperty("task").GetString());
        // mjpost/sacrebleu test/test_bleu.py, test_corpus_bleu_cases: (_hyps, _refs, {}, 48.530827), EPSILON = 1e-8.
        Assert.InRange(Math.Abs(report.GetProperty("metrics").GetProperty("bleu").GetDouble() - 48.530827), 0, 1e-8);
        foreach (var metric in new[] { "chrf", "rouge1", "rouge2", "rougeL" })
        {
            Assert.True(report.GetProperty("metrics").TryGetProperty(metric, out _), metric);
        }
    }

    [Fact]
    public void Eval_TextSinglePair_MatchesRougeScoreTests()
    {
        var (exit, report, error) = EvalCli.Json(_cli, "-d", EvalReference.Eval("rouge_golden.jsonl"), "-p", EvalReference.Eval("rouge_preds.jsonl"), "--task", "text");
        Assert.True(exit == 0, error);
        var metrics = report.GetProperty("metrics");
        // google-research rouge/rouge_scorer_test.py: testRouge2 score("testing one two", "testing one") F = 2/3;
        // testRougeLConsecutive F = 4/5 (assertAlmostEqual, 7 places).
        Assert.Equal(2.0 / 3, metrics.GetProperty("rouge2").GetDouble(), 7);
        Assert.Equal(4.0 / 5, metrics.GetProperty("rougeL").GetDouble(), 7);
    }

    [Fact]
    public void Eval_Extraction_HandCountedFieldMetrics()
    {
        var (exit, report, error) = EvalCli.Json(_cli, "-d", EvalReference.Eval("ext_golden.jsonl"), "-p", EvalReference.Eval("ext_preds.jsonl"),
            "--field", "date=date", "--field", "total=currency");
        Assert.True(exit == 0, error);
        Assert.Equal("extraction", report.GetProperty("task").GetString());
        var m = report.GetProperty("metrics");
        // inv1: vendor "acme  corp" = "ACME Corp" (case, whitespace), date "March 5, 2024" = 2024-03-05, total "$1,234.50" = 1234.5;
        //       po null on both sides: not scored. inv2: vendor "Globex Inc" != "Globex" (SQuAD F1 2/3), date and total right,
        //       po expected "PO-7" but null (a null). inv3 (JSON inside a string): vendor and date right, total 11 != 10,
        //       po "PO-9" where none is expected (a false positive). inv4: no prediction (coverage 3/4).
        // Scored fields 3 + 4 + 4 = 11, exact 3 + 2 + 2 = 7.
        Assert.Equal(7.0 / 11, m.GetProperty("field_exact_match").GetDouble(), 12);
        Assert.Equal((7 + (2.0 / 3)) / 11, m.GetProperty("token_f1").GetDouble(), 12);
        Assert.Equal(1.0 / 3, m.GetProperty("document_accuracy").GetDouble(), 12);
        Assert.Equal(1.0 / 10, m.GetProperty("null_rate").GetDouble(), 12);      // 10 expected values, 1 missed
        Assert.Equal(1.0 / 2, m.GetProperty("false_positive_rate").GetDouble(), 12); // empty expected: inv1 po, inv3 po
        Assert.Equal(1.0, m.GetProperty("field_coverage").GetDouble(), 12);      // inv2 po is present (as null)
        // Grounding: inv1 3 of 3, inv2 2 of 3 ("globex inc" is not in the source), inv3 2 of 4 (11 and "po-9" are not).
        Assert.Equal(7.0 / 10, m.GetProperty("grounding").GetDouble(), 12);
        Assert.Equal(1.0 / 4, m.GetProperty("pass_rate").GetDouble(), 12);
        Assert.Equal(3.0 / 4, m.GetProperty("coverage").GetDouble(), 12);
        Assert.False(m.TryGetProperty("schema_compliance", out _));

        var fields = report.GetProperty("fields");
        Assert.Equal(["date", "po", "total", "vendor"], fields.EnumerateObject().Select(f => f.Name));
        Assert.Equal(2.0 / 3, fields.GetProperty("vendor").GetProperty("field_exact_match").GetDouble(), 12);
        Assert.Equal(1.0, fields.GetProperty("date").GetProperty("field_exact_match").GetDouble(), 12);
        Assert.Equal(0.0, fields.GetProperty("po").GetProperty("field_exact_match").GetDouble(), 12);
        Assert.Equal(1.0, fields.GetProperty("po").GetProperty("null_rate").GetDouble(), 12);
        Assert.Equal(1.0, fields.GetProperty("po").GetProperty("support").GetDouble(), 12);

        // Per tag: scanned = inv1 (all right) and inv4 (no prediction); digital = inv2 and inv3 (neither all right).
        Assert.Equal(1.0, report.GetProperty("by_tag").GetProperty("scanned").GetProperty("document_accuracy").GetDouble(), 12);
        Assert.Equal(0.5, report.GetProperty("by_tag").GetProperty("scanned").GetProperty("pass_rate").GetDouble(), 12);
        Assert.Equal(0.0, report.GetProperty("by_tag").GetProperty("digital").GetProperty("document_accuracy").GetDouble(), 12);
    }

    [Fact]
    public void Eval_ExtractionWithoutFieldTypes_ComparesDatesAsText()
    {
        var (_, report, _) = EvalCli.Json(_cli, "-d", EvalReference.Eval("ext_golden.jsonl"), "-p", EvalReference.Eval("ext_preds.jsonl"), "--no-grounding");
        var fields = report.GetProperty("fields");
        // "March 5, 2024" and "$1,234.50" no longer equal 2024-03-05 and 1234.5: inv1's date and total are wrong.
        Assert.Equal(2.0 / 3, fields.GetProperty("date").GetProperty("field_exact_match").GetDouble(), 12);
        Assert.Equal(1.0 / 3, fields.GetProperty("total").GetProperty("field_exact_match").GetDouble(), 12);
        Assert.False(report.GetProperty("metrics").TryGetProperty("grounding", out _));
    }

    [Fact]
    public void Eval_ExtractionWithSchema_CountsCompliantPredictions()
    {
        var schema = _cli.Write("invoice.schema.json", """
            {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "required": ["vendor", "date", "total"],
             "properties": {"vendor": {"type": "string"}, "date": {"type": "string"}, "total": {"type": "number"}, "po": {"type": ["string", "null"]}}}
            """);
        var (exit, report, error) = EvalCli.Json(_cli, "-d", EvalReference.Eval("ext_golden.jsonl"), "-p", EvalReference.Eval("ext_preds.jsonl"), "--schema", schema);
        Assert.True(exit == 0, error);
        // inv1's total is the string "$1,234.50" (not a number); inv2 and inv3 (parsed from its string) comply: 2 of 3.
        Assert.Equal(2.0 / 3, report.GetProperty("metrics").GetProperty("schema_compliance").GetDouble(), 12);
    }

    [Fact]
    public void Eval_BadSchema_ExitsTwo()
    {
        var schema = _cli.Write("bad.schema.json", "{not json");
        var (exit, error) = _cli.Run("eval", "-d", EvalReference.Eval("ext_golden.jsonl"), "-p", EvalReference.Eval("ext_preds.jsonl"), "--schema", schema);
        Assert.Equal(2, exit);
        Assert.Contains($"--schema {schema}: not a usable JSON schema", error);
    }

    [Fact]
    public void Eval_TableOutput_ShowsPerFieldTable()
    {
        var table = _cli.PathOf("t.txt");
        var (exit, error) = _cli.Run("eval", "-d", EvalReference.Eval("ext_golden.jsonl"), "-p", EvalReference.Eval("ext_preds.jsonl"), "-o", table);
        Assert.True(exit == 0, error);
        var text = File.ReadAllText(table);
        Assert.Contains("Per field", text);
        Assert.Contains("vendor", text);
        Assert.Contains("field_exact_match", text);
    }
}
