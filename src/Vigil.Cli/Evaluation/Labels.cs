using System.Globalization;
using System.Text.Json;

namespace Vigil.Cli.Evaluation;

/// <summary>
/// Class labels from JSON values: a string is itself, a boolean is <c>true</c>/<c>false</c>, a number is its
/// shortest round-trip text (so <c>1</c> and <c>1.0</c> are the same label <c>1</c>).
/// </summary>
internal static class Labels
{
    public static string OfNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static bool TryOf(JsonElement value, out string label)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                label = value.GetString()!;
                return true;
            case JsonValueKind.True:
                label = "true";
                return true;
            case JsonValueKind.False:
                label = "false";
                return true;
            case JsonValueKind.Number when value.TryGetDouble(out var d) && double.IsFinite(d):
                label = OfNumber(d);
                return true;
            default:
                label = string.Empty;
                return false;
        }
    }

    /// <summary>A JSON value as text for prompts and reports: a string is itself, anything else its compact JSON.</summary>
    public static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
