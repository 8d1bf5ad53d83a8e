using System.Text.Json;

namespace Vigil.Cli.Tests.Commands;

public sealed class DriftCommandTests : IDisposable
{
    private const double Relative = 1e-9;
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    public static TheoryData<int> SamplePairs => new() { 0, 1 };

    [Theory]
    [MemberData(nameof(SamplePairs))]
    public void Drift_Samples_MatchEvidentlyReference(int pair)
    {
        // Expected values: TestData/scripts/evidently_reference.py (pandas + numpy + scipy, Evidently's rules).
        using var expectedDoc = JsonDocument.Parse(File.ReadAllText(CliRunner.TestData("samples_expected.json")));
        var expected = expectedDoc.RootElement[pair];
        var (exit, report) = _cli.DriftJson(
            "drift",
            CliRunner.Samples(expected.GetProperty("reference").GetString()!),
            CliRunner.Samples(expected.GetProperty("current").GetString()!));
        using (report)
        {
            Assert.Equal(0, exit);
            var root = report.RootElement;
            Assert.Equal(expected.GetProperty("dataset_drift").GetBoolean(), root.GetProperty("dataset_drift").GetBoolean());
            Assert.Equal(expected.GetProperty("drifted_columns").GetInt32(), root.GetProperty("drifted_columns").GetInt32());
            Assert.Equal(expected.GetProperty("total_columns").GetInt32(), root.GetProperty("total_columns").GetInt32());
            var actual = root.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("column").GetString()!);
            foreach (var e in expected.GetProperty("columns").EnumerateArray())
            {
                var name = e.GetProperty("column").GetString()!;
                var a = actual[name];
                var method = e.GetProperty("method").GetString()!;
                Assert.Equal(method, a.GetProperty("method").GetString());
                Assert.Equal(e.GetProperty("type").GetString(), a.GetProperty("type").GetString());
                Assert.Equal(e.GetProperty("drifted").GetBoolean(), a.GetProperty("drifted").GetBoolean());
                Assert.Equal(e.GetProperty("reference_count").GetInt64(), a.GetProperty("reference_count").GetInt64());
                Assert.Equal(e.GetProperty("current_count").GetInt64(), a.GetProperty("current_count").GetInt64());
                var statistic = e.GetProperty("statistic").GetDouble();
                var actualStatistic = a.GetProperty("statistic").GetDouble();
                // The z statistic's sign depends on which category is counted; Evidently takes the first in sort order.
                AssertClose(method == "z" ? Math.Abs(statistic) : statistic, method == "z" ? Math.Abs(actualStatistic) : actualStatistic, $"{name} statistic");
                if (e.GetProperty("p_value").ValueKind == JsonValueKind.Null)
                {
                    Assert.Equal(JsonValueKind.Null, a.GetProperty("p_value").ValueKind);
                }
                else
                {
                    AssertClose(e.GetProperty("p_value").GetDouble(), a.GetProperty("p_value").GetDouble(), $"{name} p-value");
                }
            }
        }
    }

    [Fact]
    public void Drift_JsonShape_HasDocumentedFields()
    {
        var (_, report) = _cli.DriftJson("drift", "--reference", CliRunner.Samples("loans_reference_small.csv"), "--current", CliRunner.Samples("loans_current_small.csv"));
        using (report)
        {
            var root = report.RootElement;
            foreach (var field in new[] { "dataset_drift", "drift_share", "drifted_columns", "total_columns", "columns" })
            {
                Assert.True(root.TryGetProperty(field, out _), field);
            }

            foreach (var column in root.GetProperty("columns").EnumerateArray())
            {
                foreach (var field in new[] { "column", "type", "method", "statistic", "p_value", "threshold", "drifted", "reference_count", "current_count", "reference_missing", "current_missing" })
                {
                    Assert.True(column.TryGetProperty(field, out _), field);
                }
            }

            var employment = root.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("column").GetString() == "employment_years");
            Assert.True(employment.GetProperty("reference_missing").GetInt64() > 0, "the sample has missing employment_years values");
        }
    }

    [Fact]
    public void Drift_CsvAndJsonl_GiveTheSameReport()
    {
        var (_, csv) = _cli.DriftJson("drift", CliRunner.Samples("loans_reference.csv"), CliRunner.Samples("loans_current.csv"));
        var (_, jsonl) = _cli.DriftJson("drift", CliRunner.Samples("loans_reference.jsonl"), CliRunner.Samples("loans_current.jsonl"));
        using (csv)
        using (jsonl)
        {
            Assert.Equal(Strip(csv.RootElement.GetProperty("columns")), Strip(jsonl.RootElement.GetProperty("columns")));
        }
    }

    [Fact]
    public void Drift_FailOnDrift_ExitsOneOnlyWhenDrifted()
    {
        var (drifted, _) = _cli.Run("drift", CliRunner.Samples("loans_reference.csv"), CliRunner.Samples("loans_current.csv"), "--fail-on-drift", "--output", _cli.PathOf("a.txt"));
        var (same, _) = _cli.Run("drift", CliRunner.Samples("loans_reference.csv"), CliRunner.Samples("loans_reference.csv"), "--fail-on-drift", "--output", _cli.PathOf("b.txt"));
        var (notAsked, _) = _cli.Run("drift", CliRunner.Samples("loans_reference.csv"), CliRunner.Samples("loans_current.csv"), "--output", _cli.PathOf("c.txt"));
        Assert.Equal(1, drifted);
        Assert.Equal(0, same);
        Assert.Equal(0, notAsked);
    }

    [Fact]
    public void Drift_ColumnsMethodThresholdAndTypes_AreHonoured()
    {
        var (exit, report) = _cli.DriftJson(
            "drift",
            CliRunner.Samples("loans_reference.csv"), CliRunner.Samples("loans_current.csv"),
            "--columns", "age,income,open_accounts", "--num-method", "psi", "--threshold", "0.2",
            "--column-type", "open_accounts=categorical", "--cat-method", "chisquare");
        using (report)
        {
            Assert.Equal(0, exit);
            var columns = report.RootElement.GetProperty("columns").EnumerateArray().ToList();
            Assert.Equal(["age", "income", "open_accounts"], columns.Select(c => c.GetProperty("column").GetString()));
            Assert.Equal(["psi", "psi", "chisquare"], columns.Select(c => c.GetProperty("method").GetString()));
            Assert.Equal("categorical", columns[2].GetProperty("type").GetString());
            Assert.All(columns, c => Assert.Equal(0.2, c.GetProperty("threshold").GetDouble()));
        }
    }

    [Fact]
    public void Drift_Correction_AdjustsPValues()
    {
        var (_, report) = _cli.DriftJson("drift", CliRunner.Samples("loans_reference_small.csv"), CliRunner.Samples("loans_current_small.csv"), "--correction", "bonferroni");
        using (report)
        {
            var columns = report.RootElement.GetProperty("columns").EnumerateArray().ToList();
            var tested = columns.Count(c => c.GetProperty("p_value").ValueKind == JsonValueKind.Number);
            foreach (var c in columns)
            {
                var p = c.GetProperty("p_value").GetDouble();
                AssertClose(Math.Min(1, p * tested), c.GetProperty("p_value_adjusted").GetDouble(), "bonferroni");
                Assert.Equal(c.GetProperty("p_value_adjusted").GetDouble() < c.GetProperty("threshold").GetDouble(), c.GetProperty("drifted").GetBoolean());
            }
        }
    }

    [Fact]
    public void Drift_MinEffect_ReportsEffectAndNeedsItForTests()
    {
        var (_, report) = _cli.DriftJson("drift", CliRunner.Samples("loans_reference_small.csv"), CliRunner.Samples("loans_current_small.csv"), "--min-effect", "0.99");
        using (report)
        {
            Assert.Equal(0, report.RootElement.GetProperty("drifted_columns").GetInt32());
            Assert.All(report.RootElement.GetProperty("columns").EnumerateArray(), c => Assert.InRange(c.GetProperty("effect").GetDouble(), 0, 0.99));
        }
    }

    [Fact]
    public void Drift_Html_IsSelfContainedWithoutRawRows()
    {
        var output = _cli.PathOf("report.html");
        var (exit, error) = _cli.Run("drift", CliRunner.Samples("loans_reference.csv"), CliRunner.Samples("loans_current.csv"), "--format", "html", "--output", output);
        Assert.True(exit == 0, error);
        var html = File.ReadAllText(output);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("src=", html);
        // A raw value from the first data row of the current file must not be embedded.
        var firstRow = File.ReadLines(CliRunner.Samples("loans_current.csv")).Skip(1).First().Split(',');
        Assert.DoesNotContain(firstRow[1], html);
        foreach (var column in File.ReadLines(CliRunner.Samples("loans_current.csv")).First().Split(','))
        {
            Assert.Contains($">{column} <span", html);
        }

        Assert.Equal(12, CountOf(html, "<svg"));
        Assert.Contains("Dataset drift detected", html);
    }

    [Fact]
    public void Drift_Html_With200Columns_StaysSmallAndStatic()
    {
        // 200 columns x 3,000 rows: the report must stay a few hundred KB of static SVG (no script-drawn charts).
        var random = new Random(3);
        var header = string.Join(',', Enumerable.Range(0, 200).Select(i => $"f{i}"));
        string Rows(double shift) => header + "\n" + string.Join("\n", Enumerable.Range(0, 3000).Select(_ =>
            string.Join(',', Enumerable.Range(0, 200).Select(i => i % 10 == 0 ? $"c{random.Next(8)}" : (random.NextDouble() * 10 + (i % 3 == 0 ? shift : 0)).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)))));
        var reference = _cli.Write("wide_ref.csv", Rows(0));
        var current = _cli.Write("wide_cur.csv", Rows(1));
        var output = _cli.PathOf("wide.html");
        var (exit, error) = _cli.Run("drift", reference, current, "--format", "html", "--output", output);
        Assert.True(exit == 0, error);
        var html = File.ReadAllText(output);
        Assert.Equal(200, CountOf(html, "<section "));
        Assert.True(html.Length < 3_000_000, $"report is {html.Length:N0} chars");
        Assert.Equal(1, CountOf(html, "<script>"));
    }

    [Fact]
    public void Drift_Table_IsTheDefaultFormat()
    {
        var output = _cli.PathOf("report.txt");
        var (exit, error) = _cli.Run("drift", "-r", CliRunner.Samples("loans_reference.csv"), "-c", CliRunner.Samples("loans_current.csv"), "-o", output);
        Assert.True(exit == 0, error);
        var text = File.ReadAllText(output);
        Assert.Contains("credit_score", text);
        Assert.Contains("wasserstein", text);
        Assert.Contains("Dataset drift detected: 6 of 12 columns drifted", text);
    }

    private static string Strip(JsonElement columns) => string.Join(
        "\n",
        columns.EnumerateArray().Select(c => $"{c.GetProperty("column")}|{c.GetProperty("type")}|{c.GetProperty("method")}|{c.GetProperty("statistic")}|{c.GetProperty("p_value")}|{c.GetProperty("drifted")}|{c.GetProperty("reference_count")}|{c.GetProperty("current_missing")}"));

    private static int CountOf(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    private static void AssertClose(double expected, double actual, string what)
    {
        var allowed = Math.Max(1e-300, Relative * Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= allowed, $"{what}: expected {expected:R}, got {actual:R}");
    }
}
