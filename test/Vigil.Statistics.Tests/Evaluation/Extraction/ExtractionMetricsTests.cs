using System.Text.Json;
using Vigil.Statistics.Evaluation.Extraction;

namespace Vigil.Statistics.Tests.Evaluation.Extraction;

public class ExtractionMetricsTests
{
    private static readonly ExtractionOptions Options = new()
    {
        Fields = new Dictionary<string, FieldNormalization>
        {
            ["date"] = new() { Kind = FieldValueKind.Date },
            ["total"] = new() { Kind = FieldValueKind.Number },
        },
        Schema = new NameMustBeString(),
    };

    /// <summary>
    /// Four documents, counts by hand (fields are the union of leaf paths):
    /// d1 name ✓, date ✓ (ISO), total ✓ (1234.5), address.city ✗ (F1 2/3: "paris, france" vs "paris"), address.zip expected
    /// null and not predicted, tags ✓ (set {a, b}), extra ✗ predicted only. Scored 6, exact 4, F1 4 + 2/3, expected 5,
    /// missing 0, covered 5, expected-empty 2, false positives 1.
    /// d2 name ✗ (predicted null: missing, but covered), date ✗ (expected null, predicted: false positive), total ✓ ("10" vs 10.0).
    /// Scored 3, exact 1, F1 1, expected 2, missing 1, covered 2, expected-empty 1, false positives 1.
    /// d3 no prediction: name and total missing. Scored 2, exact 0, expected 2, missing 2, covered 0.
    /// d4 name ✓. Scored 1, exact 1, F1 1, expected 1, covered 1.
    /// </summary>
    private static List<ExtractionDocument> FourDocuments() =>
    [
        Score(
            """{"name":"Acme Corp","date":"2024-03-05","total":"$1,234.50","address":{"city":"Paris","zip":null},"tags":["a","b"]}""",
            """{"name":"ACME  corp","date":"March 5, 2024","total":"1234.5","address":{"city":"Paris, France"},"tags":["b","a","a"],"extra":"x"}""",
            "Invoice from ACME Corp dated 5 March 2024. Total due: $1,234.50. Paris office. Tags: a b"),
        Score("""{"name":"Beta","date":null,"total":"10"}""", """{"name":null,"date":"2024-01-01","total":10.0}""", null),
        Score("""{"name":"Gamma","total":"5"}""", null, "Gamma 5"),
        Score("""{"name":"Delta"}""", """{"name":"delta"}""", "delta"),
    ];

    [Fact]
    public void Aggregate_FourDocuments_MatchesHandCounts()
    {
        var result = ExtractionMetrics.Aggregate(FourDocuments());
        var m = result.Metrics;

        Assert.Equal(4, result.Count);
        Assert.Equal(6.0 / 12, m["field_exact_match"], 12);          // exact 4 + 1 + 0 + 1 over scored 6 + 3 + 2 + 1
        Assert.Equal((4 + 2.0 / 3 + 1 + 0 + 1) / 12, m["token_f1"], 12); // = 5/9
        Assert.Equal(1.0 / 4, m["document_accuracy"], 12);            // only d4
        Assert.Equal(3.0 / 10, m["null_rate"], 12);                  // missing 0 + 1 + 2 + 0 over expected 5 + 2 + 2 + 1
        Assert.Equal(8.0 / 10, m["field_coverage"], 12);             // covered 5 + 2 + 0 + 1
        Assert.Equal(2.0 / 3, m["false_positive_rate"], 12);         // false positives 1 + 1 over expected-empty 2 + 1
        Assert.Equal(2.0 / 4, m["schema_compliance"], 12);           // d1 and d4 have a string name; d2 null, d3 no prediction
        // Grounding: d1 checks 7 values (name, date, total, city, a, b, extra) and finds 5 ("paris, france" and "x" are
        // not in the source); d2 has no source; d3 has no prediction; d4 finds "delta". 6 / 8.
        Assert.Equal(6.0 / 8, m["grounding"], 12);
        Assert.False(m.ContainsKey("support"));
    }

    [Fact]
    public void Aggregate_FourDocuments_PerFieldTable()
    {
        var fields = ExtractionMetrics.Aggregate(FourDocuments()).Fields;

        // name: d1 ✓, d2 ✗ (null), d3 ✗ (no prediction), d4 ✓ → exact 2/4, null rate 2/4, covered d1, d2, d4 → 3/4,
        // grounded in d1 and d4 → 2/2, support 4, no expected-empty occurrence so no false-positive rate.
        var name = fields["name"];
        Assert.Equal(0.5, name["field_exact_match"], 12);
        Assert.Equal(0.5, name["token_f1"], 12);
        Assert.Equal(0.5, name["null_rate"], 12);
        Assert.Equal(0.75, name["field_coverage"], 12);
        Assert.Equal(1.0, name["grounding"], 12);
        Assert.Equal(4.0, name["support"]);
        Assert.False(name.ContainsKey("false_positive_rate"));

        // date: d1 ✓ and d2 predicted where the truth is null → exact 1/2, false-positive rate 1/1, support 1.
        Assert.Equal(0.5, fields["date"]["field_exact_match"], 12);
        Assert.Equal(1.0, fields["date"]["false_positive_rate"], 12);
        Assert.Equal(1.0, fields["date"]["support"]);

        // total: d1 ✓, d2 ✓, d3 missing → 2/3.
        Assert.Equal(2.0 / 3, fields["total"]["field_exact_match"], 12);

        // address.zip: expected null, not predicted: nothing scored, one expected-empty occurrence without false positive.
        Assert.False(fields["address.zip"].ContainsKey("field_exact_match"));
        Assert.Equal(0.0, fields["address.zip"]["false_positive_rate"]);
        Assert.Equal(0.0, fields["address.zip"]["support"]);

        Assert.Equal(["address.city", "address.zip", "date", "extra", "name", "tags", "total"], fields.Keys.ToArray());
    }

    [Fact]
    public void Score_FirstDocument_CountsPerDocument()
    {
        var d1 = FourDocuments()[0];

        Assert.False(d1.AllFieldsCorrect);
        Assert.True(d1.SchemaValid);
        Assert.False(d1.PredictionMissing);
        Assert.Equal(new ExtractionFieldCounts(6, 4, 0, 5, 0, 5, 2, 1, 7, 5), d1.Totals with { TokenF1Sum = 0 });
        Assert.Equal(4 + 2.0 / 3, d1.Totals.TokenF1Sum, 12);
    }

    [Fact]
    public void Score_NullObjectAgainstObject_DropsTheNullLeaf()
    {
        // "address": null against {"city": "X"}: the empty leaf "address" is dropped, "address.city" is a false positive.
        var d = Score("""{"address":null}""", """{"address":{"city":"X"}}""", null);

        Assert.Equal(["address.city"], d.Fields.Keys.ToArray());
        Assert.Equal(1, d.Totals.FalsePositives);
        Assert.Equal(1, d.Totals.ExpectedEmpty);
    }

    [Fact]
    public void Score_ArraysAsSets_OrderAndDuplicatesAndCaseIgnored()
    {
        var d = Score("""{"tags":["B","a","a"],"empty":[]}""", """{"tags":["A","b"]}""", null);

        Assert.True(d.AllFieldsCorrect);
        Assert.Equal(1, d.Fields["tags"].ExactMatches);
        Assert.Equal(0, d.Fields["empty"].Scored); // [] against missing: both empty
    }

    [Fact]
    public void Score_CaseSensitiveField_DiffersOnCase()
    {
        var options = new ExtractionOptions { DefaultNormalization = new FieldNormalization { IgnoreCase = false } };
        var d = ExtractionMetrics.Score(Json("""{"id":"AbC"}"""), Json("""{"id":"abc"}"""), null, options);

        // Not equal after the field's (case-sensitive) normalization; token F1 is SQuAD's, whose own normalization lowercases.
        Assert.Equal(0, d.Totals.ExactMatches);
        Assert.Equal(1.0, d.Totals.TokenF1Sum);
    }

    [Fact]
    public void Score_WithoutSchema_SchemaComplianceOmitted()
    {
        var d = ExtractionMetrics.Score(Json("""{"a":"1"}"""), Json("""{"a":"1"}"""), null, new ExtractionOptions());
        var result = ExtractionMetrics.Aggregate([d]);

        Assert.Null(d.SchemaValid);
        Assert.False(result.Metrics.ContainsKey("schema_compliance"));
        Assert.False(result.Metrics.ContainsKey("grounding"));
        Assert.Equal(1.0, result.Metrics["document_accuracy"]);
    }

    [Fact]
    public void Aggregate_NoDocuments_NoMetrics()
    {
        var result = ExtractionMetrics.Aggregate([]);

        Assert.Empty(result.Metrics);
        Assert.Empty(result.Fields);
    }

    [Fact]
    public void Score_InvalidInput_Throws()
    {
        Assert.Equal("expected", Assert.Throws<ArgumentException>(() =>
            ExtractionMetrics.Score(Json("[1]"), null, null, new ExtractionOptions())).ParamName);
        Assert.Throws<ArgumentException>(() => ExtractionMetrics.Score(Json("{}"), null, null,
            new ExtractionOptions { DefaultNormalization = new FieldNormalization { DecimalSeparator = ';' } }));
    }

    private static ExtractionDocument Score(string expected, string? predicted, string? source) =>
        ExtractionMetrics.Score(Json(expected), predicted is null ? null : Json(predicted), source, Options);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private sealed class NameMustBeString : IExtractionSchema
    {
        public bool IsValid(JsonElement document) =>
            document.ValueKind == JsonValueKind.Object && document.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String;
    }
}
