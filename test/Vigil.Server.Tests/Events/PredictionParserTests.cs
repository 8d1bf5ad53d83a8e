using System.Text;
using Vigil.Core.Events;
using Vigil.Core.Models;

namespace Vigil.Server.Tests.Events;

/// <summary>
/// The prediction parser's paths: schema order and any other order, escaped names and values, the string cache
/// past its bounds, number shapes and the refusals. Every expected value is written by hand from the row's text.
/// </summary>
public sealed class PredictionParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    private static readonly ModelSchema Schema = new(
        "m",
        PredictionType.Binary,
        [new("num_a", FeatureType.Numerical), new("num_b", FeatureType.Numerical), new("cat_a", FeatureType.Categorical), new("cat_b", FeatureType.Categorical)],
        ["no", "yes"]);

    private static PredictionParser Parser(ModelSchema? schema = null, bool stored = false) => new(schema ?? Schema, new FixedClock(Now), stored);

    private static PredictionEvent Ok(PredictionParser parser, string row, int index = 0)
    {
        var e = parser.Parse(Encoding.UTF8.GetBytes(row), index, out var error);
        Assert.True(e is not null, $"refused: {error}");
        Assert.Null(error);
        return e;
    }

    private static RowError Refused(PredictionParser parser, string row, int index = 0)
    {
        Assert.Null(parser.Parse(Encoding.UTF8.GetBytes(row), index, out var error));
        return Assert.IsType<RowError>(error);
    }

    private static string Row(string features, string extra = "") =>
        $$"""{"id": "e1", "timestamp": "2026-11-20T10:00:00.250Z", "version": "v1", "features": {{{features}}}, "prediction": "yes"{{extra}}}""";

    [Theory]
    [InlineData("invalid UTF-8 in a category")]
    [InlineData("a lone escaped surrogate in a category")]
    public void Parse_TextThatIsNotUnicode_IsARefusedRow_NotAnException(string which)
    {
        var bytes = which.StartsWith("invalid", StringComparison.Ordinal)
            ? [.. Encoding.UTF8.GetBytes(Row("\"num_a\": 1, \"num_b\": 2, \"cat_a\": \"a")), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\", \"cat_b\": \"b\"}, \"prediction\": \"yes\"}")]
            : Encoding.UTF8.GetBytes(Row("\"num_a\": 1, \"num_b\": 2, \"cat_a\": \"\\ud800\", \"cat_b\": \"b\""));

        var e = Parser().Parse(bytes, 4, out var error);

        Assert.Null(e);
        Assert.NotNull(error);
        Assert.Equal(4, error.Index);
        Assert.StartsWith("not valid", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelParse_LoneEscapedSurrogate_IsARefusedRow_NotAnException()
    {
        var parser = new LabelParser(Schema, new FixedClock(Now));

        var label = parser.Parse(Encoding.UTF8.GetBytes("""{"id": "e1", "label": "\udc00"}"""), 2, out var error);

        Assert.Null(label);
        Assert.Equal(2, error!.Index);
        Assert.StartsWith("not valid", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RowInSchemaOrder_ReadsEveryField()
    {
        var row = """
            {"id": "e000000000000042", "timestamp": "2026-11-20T10:00:00.250Z", "version": "v1",
             "features": {"num_a": -12.3456, "num_b": 7, "cat_a": "c3", "cat_b": "c17"},
             "prediction": "yes", "score": 0.8125, "latency_ms": 15.5,
             "stages": {"fetch": 3.25, "model": 11.75}, "segments": {"region": "eu", "channel": "web"}}
            """;
        var raw = Encoding.UTF8.GetBytes(row);

        var e = Parser().Parse(raw, 3, out var error);

        Assert.Null(error);
        Assert.NotNull(e);
        Assert.Equal("e000000000000042", e.Id);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, 250, TimeSpan.Zero), e.Timestamp);
        Assert.Equal("v1", e.Version);
        Assert.Equal("primary", e.Variant);
        Assert.Equal([FeatureValue.Of(-12.3456), FeatureValue.Of(7), FeatureValue.Of("c3"), FeatureValue.Of("c17")], e.Features);
        Assert.Equal("yes", e.Label);
        Assert.Equal(0.8125, e.Score);
        Assert.Equal(15.5, e.LatencyMs);
        Assert.Equal([new("fetch", 3.25), new("model", 11.75)], e.Stages);
        Assert.Equal([new("region", "eu"), new("channel", "web")], e.Segments);
        Assert.Null(e.Error);
        Assert.Null(e.Probabilities);
        Assert.True(e.Raw.Span.SequenceEqual(raw));
    }

    [Fact]
    public void Parse_PrettyPrintedRowWithNullsAndMetadata_ReadsEveryField()
    {
        var row = """

              {
                "id" : 42 ,
                "timestamp" : 1795168800000,
                "version" : "v1",
                "variant" : "canary",
                "metadata" : {"trace": ["a", {"b": "x\"y", "c": [1e3, true, null]}], "d": {}},
                "features" : {
                  "cat_b" : null,
                  "num_a" : 1E+2,
                  "cat_a" : 17,
                  "num_b" : null
                },
                "prediction" : "no",
                "score" : null, "latency_ms" : null, "probabilities" : null, "error" : null,
                "stages" : {},
                "segments" : {"region" : null, "channel" : "app"}
              }

            """;

        var e = Ok(Parser(), row);

        Assert.Equal("42", e.Id);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), e.Timestamp); // Unix ms, from Python: datetime(2026, 11, 20, 10, tzinfo=timezone.utc).timestamp() * 1000
        Assert.Equal(("v1", "canary"), (e.Version, e.Variant));
        Assert.Equal([FeatureValue.Of(100), FeatureValue.Missing, FeatureValue.Of("17"), FeatureValue.Missing], e.Features);
        Assert.Equal("no", e.Label);
        Assert.True(double.IsNaN(e.Score));
        Assert.True(double.IsNaN(e.LatencyMs));
        Assert.Null(e.Probabilities);
        Assert.Null(e.Error);
        Assert.Empty(e.Stages);
        Assert.Equal([new("channel", "app")], e.Segments);
    }

    [Fact]
    public void Parse_RepeatedFields_TheLastOneCountsAndFeaturesAddUp()
    {
        var row = """
            {"id": "a", "id": "b", "timestamp": 0, "version": "v1", "version": "v2", "features": {"num_a": 1, "cat_a": "x"},
             "prediction": "yes", "features": {"num_b": 2, "cat_a": "y"}, "stages": {"s": 1}, "stages": null, "prediction": "no"}
            """;

        var e = Ok(Parser(), row);

        Assert.Equal(("b", "v2", "no"), (e.Id, e.Version, e.Label));
        Assert.Equal([FeatureValue.Of(1), FeatureValue.Of(2), FeatureValue.Of("y"), FeatureValue.Missing], e.Features);
        Assert.Empty(e.Stages);
    }

    [Fact]
    public void Parse_OtherShapes_BooleanAndTextFeaturesRegressionProbabilitiesAndErrors()
    {
        var schema = new ModelSchema("m", PredictionType.Regression, [new("flag", FeatureType.Boolean), new("note", FeatureType.Text), new("n", FeatureType.Numerical)]);
        var parser = Parser(schema);
        var row = """{"id": "e", "timestamp": 0, "version": "v1", "features": {"flag": FLAG, "note": NOTE, "n": NUM}, "prediction": PREDICTION}""";
        PredictionEvent Read(string flag, string note, string n, string prediction) => Ok(parser, row
            .Replace("FLAG", flag, StringComparison.Ordinal).Replace("NOTE", note, StringComparison.Ordinal)
            .Replace("NUM", n, StringComparison.Ordinal).Replace("PREDICTION", prediction, StringComparison.Ordinal));

        var plain = Read("true", "\"abc\"", "-1.5", "2.25");
        var strings = Read("\"false\"", "\"a\\u0062\"", "\"7\"", "\"3\"");

        Assert.Equal([FeatureValue.Of("true"), FeatureValue.Of(3), FeatureValue.Of(-1.5)], plain.Features);
        Assert.Equal((null, 2.25), (plain.Label, plain.Value));
        Assert.Equal([FeatureValue.Of("false"), FeatureValue.Of(2), FeatureValue.Of(7)], strings.Features);
        Assert.Equal(3, strings.Value);

        var failed = Ok(Parser(), """{"id": "e", "timestamp": 0, "version": "v1", "features": {}, "error": "upstream timeout"}""");
        Assert.Equal(("upstream timeout", null), (failed.Error, failed.Label));

        var multiclass = new ModelSchema("m", PredictionType.Multiclass, [], ["a", "b", "c"]);
        var withProbabilities = Ok(Parser(multiclass), """{"id": "e", "timestamp": 0, "version": "v1", "features": {}, "prediction": "c", "probabilities": {"c": 0.75, "a": 0.25}}""");
        Assert.Equal([0.25, double.NaN, 0.75], withProbabilities.Probabilities!);
        Assert.Equal("c", withProbabilities.Label);
    }

    [Fact]
    public void Parse_FeaturesInAnyOrder_LandAtTheirSchemaIndex()
    {
        var parser = Parser();
        var orders = new[]
        {
            """ "num_a": 1, "num_b": 2, "cat_a": "x", "cat_b": "y" """,
            """ "cat_b": "y", "cat_a": "x", "num_b": 2, "num_a": 1 """,
            """ "cat_b": "y", "cat_a": "x", "num_b": 2, "num_a": 1 """,
            """ "num_b": 2, "cat_b": "y", "num_a": 1, "cat_a": "x" """,
            """ "num_a": 1, "num_b": 2, "cat_a": "x", "cat_b": "y" """,
        };
        foreach (var order in orders)
        {
            Assert.Equal([FeatureValue.Of(1), FeatureValue.Of(2), FeatureValue.Of("x"), FeatureValue.Of("y")], Ok(parser, Row(order)).Features);
        }

        // Absent features stay missing; a repeated one keeps its last value.
        Assert.Equal(
            [FeatureValue.Of(5), FeatureValue.Missing, FeatureValue.Missing, FeatureValue.Of("z")],
            Ok(parser, Row(""" "cat_b": "y", "num_a": 1, "cat_b": "z", "num_a": 5 """)).Features);
    }

    [Fact]
    public void Parse_EscapedNames_MatchAsTheirText()
    {
        var row = """
            {"\u0069d": "e1", "timestamp": "2026-11-20T10:00:00Z", "v\u0065rsion": "v1",
             "f\u0065atures": {"num_\u0061": 1.5, "num_b": 2, "c\u0061t_a": "p", "cat_b": "q"},
             "prediction": "yes", "stag\u0065s": {"f\u0065tch": 2}, "segments": {"r\u0065gion": "eu"}}
            """;

        var e = Ok(Parser(), row);

        Assert.Equal("e1", e.Id);
        Assert.Equal("v1", e.Version);
        Assert.Equal([FeatureValue.Of(1.5), FeatureValue.Of(2), FeatureValue.Of("p"), FeatureValue.Of("q")], e.Features);
        Assert.Equal([new("fetch", 2.0)], e.Stages);
        Assert.Equal([new("region", "eu")], e.Segments);
    }

    [Fact]
    public void Parse_EscapedCategoricalValues_AreUnescapedBeforeAndAfterThePlainSpellingIsCached()
    {
        var parser = Parser();
        var plain = Ok(parser, Row(""" "cat_a": "c1", "cat_b": "a\"b" """, """, "segments": {"region": "eu"}"""));
        var escaped = Ok(parser, Row(""" "cat_a": "c\u0031", "cat_b": "a\u0022b" """, """, "segments": {"region": "\u0065u"}"""));
        var again = Ok(parser, Row(""" "cat_a": "c1", "cat_b": "tab\there" """));

        Assert.Equal([FeatureValue.Of("c1"), FeatureValue.Of("a\"b")], plain.Features[2..]);
        Assert.Equal([FeatureValue.Of("c1"), FeatureValue.Of("a\"b")], escaped.Features[2..]);
        Assert.Equal([new("region", "eu")], escaped.Segments);
        Assert.Equal([FeatureValue.Of("c1"), FeatureValue.Of("tab\there")], again.Features[2..]);
    }

    [Fact]
    public void Parse_MoreDistinctValuesThanTheCacheHolds_EveryValueExact()
    {
        // 3,000 distinct values in one feature and 3,000 more in another: past the per-feature and the total
        // bound of the parser's string cache; then every row again (cached and uncached values alike).
        var parser = Parser();
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < 3000; i++)
            {
                var e = Ok(parser, Row($$""" "cat_a": "value-{{i}}", "cat_b": {{i}} """, $$""", "segments": {"user": "u{{i}}"}"""), i);
                Assert.Equal("value-" + i, e.Features[2].Text);
                Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Features[3].Text);
                Assert.Equal("u" + i, Assert.Single(e.Segments).Value);
            }
        }
    }

    [Fact]
    public void Parse_CategoriesOfEveryKind_AreTheirText()
    {
        var e = Ok(Parser(), Row(""" "cat_a": -0.50, "cat_b": true """));
        var f = Ok(Parser(), Row(""" "cat_a": 1e3, "cat_b": "caf\u00e9" """));
        var g = Ok(Parser(), Row(""" "cat_a": "café", "cat_b": false """));

        Assert.Equal([FeatureValue.Of("-0.50"), FeatureValue.Of("true")], e.Features[2..]);
        Assert.Equal([FeatureValue.Of("1e3"), FeatureValue.Of("café")], f.Features[2..]);
        Assert.Equal([FeatureValue.Of("café"), FeatureValue.Of("false")], g.Features[2..]);
    }

    [Theory]
    [InlineData("12.3456", 12.3456)]
    [InlineData("-7", -7.0)]
    [InlineData("0.1", 0.1)]
    [InlineData("1e3", 1000.0)]
    [InlineData("2.5E-2", 0.025)]
    [InlineData("123456789012345", 123456789012345.0)]
    [InlineData("12345678901234567", 12345678901234568.0)] // 17 digits: the nearest double is ...568
    [InlineData("0.30000000000000004", 0.30000000000000004)]
    [InlineData("\"0.5\"", 0.5)]
    [InlineData("\"-3\"", -3.0)]
    public void Parse_NumbersOfEveryShape_ReadAsTheNearestDouble(string json, double expected)
    {
        Assert.Equal(expected, Ok(Parser(), Row($$""" "num_a": {{json}} """)).Features[0].Number);
    }

    [Fact]
    public void Parse_NegativeZero_KeepsItsSign()
    {
        Assert.True(double.IsNegative(Ok(Parser(), Row(""" "num_a": -0.0 """)).Features[0].Number));
        Assert.True(double.IsNegative(Ok(Parser(), Row(""" "num_a": -0 """)).Features[0].Number));
        Assert.False(double.IsNegative(Ok(Parser(), Row(""" "num_a": 0 """)).Features[0].Number));
    }

    [Fact]
    public void Parse_TextFeature_IsItsLengthInUtf16Characters()
    {
        var schema = new ModelSchema("m", PredictionType.Regression, [new("note", FeatureType.Text)]);
        double Length(string json) => Ok(Parser(schema), $$"""{"id": "e", "timestamp": 0, "version": "v1", "features": {"note": {{json}}}, "prediction": 1}""").Features[0].Number;

        Assert.Equal(5, Length("\"héllo\""));
        Assert.Equal(3, Length("\"a😀\"")); // a surrogate pair is two characters
        Assert.Equal(3, Length("\"a\\nb\""));
        Assert.Equal(0, Length("\"\""));
    }

    [Fact]
    public void Parse_VersionsAndVariants_SameTextWhetherCachedOrNot()
    {
        var parser = Parser();
        var row = """{"id": "e", "timestamp": 0, "version": VERSION, "variant": "shadow", "features": {}, "prediction": "no"}""";

        Assert.Equal(("v2", "shadow"), Pair(Ok(parser, row.Replace("VERSION", "\"v2\"", StringComparison.Ordinal))));
        Assert.Equal(("v2", "shadow"), Pair(Ok(parser, row.Replace("VERSION", "\"v2\"", StringComparison.Ordinal))));
        Assert.Equal(("3", "shadow"), Pair(Ok(parser, row.Replace("VERSION", "3", StringComparison.Ordinal))));
        Assert.Equal(("v2", "shadow"), Pair(Ok(parser, row.Replace("VERSION", "\"\\u0076\\u0032\"", StringComparison.Ordinal))));
        Assert.Equal("\"v 2\" may hold only letters, digits, '.', '_' and '-'.", Refused(parser, row.Replace("VERSION", "\"v 2\"", StringComparison.Ordinal)).Reason);
        Assert.Equal("\"v 2\" may hold only letters, digits, '.', '_' and '-'.", Refused(parser, row.Replace("VERSION", "\"v 2\"", StringComparison.Ordinal)).Reason);

        static (string, string) Pair(PredictionEvent e) => (e.Version, e.Variant);
    }

    [Fact]
    public void Parse_Refusals_NameTheIndexFieldAndReason()
    {
        var parser = Parser();
        var manyStages = string.Join(", ", Enumerable.Range(0, 33).Select(i => $"\"s{i}\": 1"));
        var manySegments = string.Join(", ", Enumerable.Range(0, 17).Select(i => $"\"g{i}\": \"x\""));
        var cases = new (string Row, string Field, string Reason)[]
        {
            (Row(""" "num_a": 1, "nope": 2 """), "features.nope", "is not a feature of the model's schema."),
            (Row(""" "cat_a": "x", "num_\u0062x": 2 """), "features.num_bx", "is not a feature of the model's schema."),
            (Row(""" "num_b": "lots" """), "features.num_b", "expected a number, got the string \"lots\"."),
            (Row(""" "num_b": 1e400 """), "features.num_b", "is not a finite number."),
            (Row(""" "cat_b": {} """), "features.cat_b", "expected a string, number or boolean, got an object."),
            (Row("", """, "colour": 1"""), "colour", "is not a field of a prediction event (id, timestamp, version, variant, features, prediction, score, probabilities, latency_ms, stages, segments, error, metadata)."),
            (Row("", $", \"stages\": {{{manyStages}}}"), "stages.s32", "at most 32 stages per event."),
            (Row("", """, "stages": {"fetch": 1, "bad name": 2}"""), "stages.bad name", "a stage name may hold only letters, digits, '.', '_' and '-' (at most 100)."),
            (Row("", """, "stages": {"fetch": -1}"""), "stages.fetch", "-1 is negative."),
            (Row("", $", \"segments\": {{{manySegments}}}"), "segments.g16", "at most 16 segments per event."),
            (Row("", """, "segments": {"region": ""}"""), "segments.region", "a segment value has 1 to 200 characters."),
            (Row("", """, "segments": {"region": []}"""), "segments.region", "expected a string, number or boolean, got an array."),
            (Row("", """, "score": 1.5"""), "score", "1.5 is outside [0, 1]."),
            (Row("", """, "probabilities": {"maybe": 0.5}"""), "probabilities.maybe", "is not one of the model's classes."),
            (Row("", """, "probabilities": {"no": 0.25, "yes": 2}"""), "probabilities.yes", "2 is outside [0, 1]."),
            (Row("", """, "version": "v2", "timestamp": "2026-11-22T00:00:01Z" """), "timestamp", "2026-11-22T00:00:01.0000000+00:00 is more than a day in the future."),
        };
        for (var i = 0; i < cases.Length; i++)
        {
            var error = Refused(parser, cases[i].Row, i);
            Assert.Equal((i, cases[i].Field, cases[i].Reason), (error.Index, error.Field, error.Reason));
        }

        var broken = Refused(parser, """{"id": "e1", "features": {"num_a": tru}}""", 8);
        Assert.Equal((8, string.Empty), (broken.Index, broken.Field));
        Assert.StartsWith("not valid JSON: ", broken.Reason, StringComparison.Ordinal);

        var label = Refused(parser, Row("").Replace("\"yes\"", "\"maybe\"", StringComparison.Ordinal), 7);
        Assert.Equal((7, "prediction", "\"maybe\" is not one of the model's classes (no, yes)."), (label.Index, label.Field, label.Reason));
    }

    [Fact]
    public void Parse_StoredMode_SkipsFeaturesTheSchemaNoLongerHas()
    {
        var e = Ok(Parser(stored: true), Row(""" "num_a": 1, "gone": {"x": [1]}, "num_b": 2 """));

        Assert.Equal([FeatureValue.Of(1), FeatureValue.Of(2), FeatureValue.Missing, FeatureValue.Missing], e.Features);
    }

    [Fact]
    public void Parse_OneParserOnManyThreads_EveryRowExact()
    {
        var parser = Parser();
        Parallel.For(0, 8, t =>
        {
            for (var i = 0; i < 2000; i++)
            {
                var k = (i * 7) + t;
                var features = (k % 3) switch
                {
                    0 => $$""" "num_a": {{k}}, "num_b": 0.25, "cat_a": "c{{k % 500}}", "cat_b": "s{{k}}" """,
                    1 => $$""" "cat_b": "s{{k}}", "cat_a": "c{{k % 500}}", "num_b": 0.25, "num_a": {{k}} """,
                    _ => $$""" "num_b": 0.25, "cat_b": "s{{k}}", "num_a": {{k}}, "cat_a": "c{{k % 500}}" """,
                };
                var e = Ok(parser, Row(features, $$""", "segments": {"region": "r{{k % 40}}"}, "stages": {"st{{k % 30}}": 1}"""), i);
                Assert.Equal([FeatureValue.Of(k), FeatureValue.Of(0.25), FeatureValue.Of("c" + (k % 500)), FeatureValue.Of("s" + k)], e.Features);
                Assert.Equal([new("region", "r" + (k % 40))], e.Segments);
                Assert.Equal([new("st" + (k % 30), 1.0)], e.Stages);
            }
        });
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
