using System.Globalization;
using System.Text.Json;

namespace Vigil.Cli.Evaluation.Judge;

/// <summary>
/// Parses judge answers strictly. The whole answer must be one JSON object (surrounding whitespace and a single
/// Markdown code fence around it are allowed, nothing else): <c>{"score": n, "reason": "..."}</c> with n a JSON
/// number within the scale, or pairwise <c>{"winner": "A"|"B"|"tie", "reason": "..."}</c>. Anything else is a
/// parse failure; a score is never guessed from free text.
/// </summary>
internal static class JudgeAnswerParser
{
    public static JudgeAnswer ParseScore(string content, double min, double max)
    {
        if (!TryObject(content, out var root, out var error))
        {
            return JudgeAnswer.Rejected(error);
        }

        if (!TrySingle(root, "score", out var score, out error))
        {
            return JudgeAnswer.Rejected(error);
        }

        if (score.ValueKind != JsonValueKind.Number || !score.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            return JudgeAnswer.Rejected($"\"score\" must be a JSON number, got {JsonlReader.Describe(score)}");
        }

        if (value < min || value > max)
        {
            return JudgeAnswer.Rejected($"score {value.ToString(CultureInfo.InvariantCulture)} is outside the scale {min.ToString(CultureInfo.InvariantCulture)}-{max.ToString(CultureInfo.InvariantCulture)}");
        }

        return new JudgeAnswer(value, null, Reason(root), null);
    }

    public static JudgeAnswer ParseWinner(string content)
    {
        if (!TryObject(content, out var root, out var error))
        {
            return JudgeAnswer.Rejected(error);
        }

        if (!TrySingle(root, "winner", out var winner, out error))
        {
            return JudgeAnswer.Rejected(error);
        }

        var text = winner.ValueKind == JsonValueKind.String ? winner.GetString()!.Trim() : null;
        var normalized = text?.ToUpperInvariant() switch
        {
            "A" => "A",
            "B" => "B",
            "TIE" => "tie",
            _ => null,
        };
        return normalized is null
            ? JudgeAnswer.Rejected($"\"winner\" must be \"A\", \"B\" or \"tie\", got {JsonlReader.Describe(winner)}")
            : new JudgeAnswer(null, normalized, Reason(root), null);
    }

    private static bool TryObject(string content, out JsonElement root, out string error)
    {
        root = default;
        var text = Unfence(content.Trim());
        if (text.Length == 0)
        {
            error = "empty answer";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            error = $"not a JSON object: {Clip(content)}";
            return false;
        }

        error = root.ValueKind == JsonValueKind.Object ? string.Empty : $"not a JSON object: {Clip(content)}";
        return root.ValueKind == JsonValueKind.Object;
    }

    private static bool TrySingle(JsonElement root, string name, out JsonElement value, out string error)
    {
        value = default;
        var count = 0;
        foreach (var p in root.EnumerateObject())
        {
            if (p.NameEquals(name))
            {
                value = p.Value;
                count++;
            }
        }

        error = count switch
        {
            0 => $"no \"{name}\" field",
            1 => string.Empty,
            _ => $"\"{name}\" given {count} times",
        };
        return count == 1;
    }

    private static string Unfence(string text)
    {
        if (!text.StartsWith("```", StringComparison.Ordinal) || !text.EndsWith("```", StringComparison.Ordinal) || text.Length < 6)
        {
            return text;
        }

        var firstLine = text.IndexOf('\n');
        if (firstLine < 0)
        {
            return text;
        }

        var language = text[3..firstLine].Trim();
        return language.Length == 0 || language.Equals("json", StringComparison.OrdinalIgnoreCase)
            ? text[(firstLine + 1)..^3].Trim()
            : text;
    }

    private static string? Reason(JsonElement root) =>
        root.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null;

    private static string Clip(string content)
    {
        var text = content.ReplaceLineEndings(" ").Trim();
        return text.Length > 80 ? text[..77] + "..." : text;
    }
}
