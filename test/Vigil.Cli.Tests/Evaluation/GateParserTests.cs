using Vigil.Cli.Data;
using Vigil.Cli.Evaluation.Gates;

namespace Vigil.Cli.Tests.Evaluation;

public sealed class GateParserTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("accuracy>=0.9", "accuracy", ">=", false, 0.9, false, "accuracy >= 0.9")]
    [InlineData(" mae < 3.5 ", "mae", "<", false, 3.5, false, "mae < 3.5")]
    [InlineData("r2>-0.5", "r2", ">", false, -0.5, false, "r2 > -0.5")]
    [InlineData("f1>=baseline-0.02", "f1", ">=", true, -0.02, false, "f1 >= baseline - 0.02")]
    [InlineData("f1 >= baseline", "f1", ">=", true, 0, false, "f1 >= baseline")]
    [InlineData("pass_rate>=baseline - 5%", "pass_rate", ">=", true, -5, true, "pass_rate >= baseline - 5%")]
    [InlineData("mae<=baseline+10%", "mae", "<=", true, 10, true, "mae <= baseline + 10%")]
    [InlineData("rmse<=baseline+0.5", "rmse", "<=", true, 0.5, false, "rmse <= baseline + 0.5")]
    public void Parse_ValidGate_ReadsEveryPart(string text, string metric, string op, bool relative, double number, bool percent, string normalized)
    {
        var gate = GateParser.Parse(text);
        Assert.Equal(metric, gate.Metric);
        Assert.Equal(op, gate.Operator);
        Assert.Equal(relative, gate.RelativeToBaseline);
        Assert.Equal(number, relative ? gate.Change : gate.Threshold);
        Assert.Equal(percent, gate.Percent);
        Assert.Equal(normalized, gate.ToString());
    }

    [Theory]
    [InlineData("accuracy")]
    [InlineData("accuracy=0.9")]
    [InlineData("accuracy>=high")]
    [InlineData("accuracy>=baseline*2")]
    [InlineData(">=0.9")]
    [InlineData("accuracy>=NaN")]
    public void Parse_Malformed_IsUsageError(string text)
    {
        var ex = Assert.Throws<UsageException>(() => GateParser.Parse(text));
        Assert.Contains($"'{text}'", ex.Message);
    }

    [Fact]
    public void AllowedDelta_Percent_IsShareOfAbsoluteBaseline()
    {
        Assert.Equal(-0.04, GateParser.Parse("f1>=baseline-5%").AllowedDelta(0.8), 1e-15);
        Assert.Equal(-0.1, GateParser.Parse("r2>=baseline-10%").AllowedDelta(-1.0), 1e-15);
        Assert.Equal(-0.02, GateParser.Parse("f1>=baseline-0.02").AllowedDelta(0.8), 1e-15);
    }

    [Fact]
    public void ReadFile_StringsAndObjects_AreTheSameRules()
    {
        var path = _cli.Write("gates.json", """
            {"gates": [
              "accuracy>=0.9",
              {"metric": "f1", "min": 0.8},
              {"metric": "mae", "max": 2},
              {"metric": "f1", "max_drop": 0.02},
              {"metric": "pass_rate", "max_relative_drop": 5},
              {"metric": "rmse", "max_increase": 0.5},
              {"metric": "mape", "max_relative_increase": 10},
              {"metric": "f1_macro", "rule": ">= baseline - 0.01"}
            ]}
            """);
        var gates = GateFileReader.Read(path).Select(g => g.ToString()).ToList();
        Assert.Equal(
            ["accuracy >= 0.9", "f1 >= 0.8", "mae <= 2", "f1 >= baseline - 0.02", "pass_rate >= baseline - 5%", "rmse <= baseline + 0.5", "mape <= baseline + 10%", "f1_macro >= baseline - 0.01"],
            gates);
    }

    [Fact]
    public void ReadFile_BareArray_IsAccepted()
    {
        Assert.Single(GateFileReader.Read(_cli.Write("g.json", "[\"accuracy>=0.5\"]")));
    }

    [Theory]
    [InlineData("{\"gates\": [{\"min\": 1}]}", "gate 1, field 'metric'")]
    [InlineData("{\"gates\": [\"a>=1\", {\"metric\": \"f1\", \"min\": 1, \"max\": 2}]}", "gate 2 (f1): give exactly one of")]
    [InlineData("{\"gates\": [{\"metric\": \"f1\", \"max_drop\": -1}]}", "field 'max_drop': must not be negative")]
    [InlineData("{\"gates\": [{\"metric\": \"f1\", \"min\": \"0.9\"}]}", "field 'min': must be a finite number")]
    [InlineData("{\"gates\": 3}", "expected an array of gates")]
    [InlineData("{nope", "not valid JSON")]
    public void ReadFile_Bad_NamesFileAndGate(string content, string message)
    {
        var path = _cli.Write("bad.json", content);
        var ex = Assert.ThrowsAny<Exception>(() => GateFileReader.Read(path));
        Assert.True(ex is InputException or UsageException);
        Assert.Contains(path, ex.Message);
        Assert.Contains(message, ex.Message);
    }
}
