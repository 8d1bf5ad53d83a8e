using System.Text.Json;

namespace Vigil.Cli.Tests.Evaluation;

/// <summary>Reference values written by TestData/scripts/eval_cli_reference.py (numpy, scipy, sklearn).</summary>
internal static class EvalReference
{
    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(File.ReadAllText(CliRunner.TestData("eval_cli_reference.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static string Eval(string file) => CliRunner.TestData(Path.Combine("eval", file));

    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
