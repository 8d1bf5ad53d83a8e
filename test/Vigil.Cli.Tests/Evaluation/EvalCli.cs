using System.Text.Json;

namespace Vigil.Cli.Tests.Evaluation;

/// <summary>Runs <c>vigil eval</c> in-process with <c>--format json</c> into a file and parses the report.</summary>
internal static class EvalCli
{
    /// <summary>Metrics compared with sklearn/numpy values: the same formulas, summed in another order.</summary>
    public const double Tolerance = 1e-10;

    public static (int Exit, JsonElement Report, string Error) Json(CliRunner cli, params string[] args)
    {
        var output = cli.PathOf($"eval-{Guid.NewGuid():N}.json");
        var (exit, error) = cli.Run(["eval", .. args, "--format", "json", "--output", output]);
        Assert.True(File.Exists(output), $"no report written (exit {exit}): {error}");
        using var document = JsonDocument.Parse(File.ReadAllText(output));
        return (exit, document.RootElement.Clone(), error);
    }

    /// <summary>The element as compact JSON, for structural comparisons.</summary>
    public static string Compact(JsonElement element) => JsonSerializer.Serialize(element);

    /// <summary>Asserts that every reference metric is in the report's metrics with the same value.</summary>
    public static void AssertMetrics(JsonElement expected, JsonElement actual, double tolerance = Tolerance)
    {
        foreach (var metric in expected.EnumerateObject())
        {
            Assert.True(actual.TryGetProperty(metric.Name, out var value), $"metric {metric.Name} missing from {actual}");
            Assert.True(Math.Abs(metric.Value.GetDouble() - value.GetDouble()) <= tolerance, $"{metric.Name}: expected {metric.Value.GetDouble()}, got {value.GetDouble()}");
        }
    }
}
