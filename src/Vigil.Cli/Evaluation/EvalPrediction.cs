using System.Text.Json;

namespace Vigil.Cli.Evaluation;

/// <summary>A model's answer for one item: a prediction file row <c>{id, prediction, score?, probabilities?}</c> or an endpoint's response.</summary>
/// <param name="Value">The prediction (a label, number, text or record of fields).</param>
/// <param name="Score">Probability of the positive class (binary classification), when given.</param>
/// <param name="Probabilities">Probability per class, when given.</param>
internal sealed record EvalPrediction(JsonElement Value, double? Score, IReadOnlyDictionary<string, double>? Probabilities)
{
    /// <summary>
    /// Reads the prediction fields of a JSON object. Returns null and an error naming the field when the object
    /// does not have the shape; the caller turns it into a file error or an item failure.
    /// </summary>
    public static EvalPrediction? TryRead(JsonElement root, out string? field, out string? error)
    {
        field = null;
        error = null;
        if (!root.TryGetProperty("prediction", out var value))
        {
            (field, error) = ("prediction", "missing.");
            return null;
        }

        double? score = null;
        if (root.TryGetProperty("score", out var s) && s.ValueKind != JsonValueKind.Null)
        {
            if (s.ValueKind != JsonValueKind.Number || !s.TryGetDouble(out var d) || !(d >= 0 && d <= 1))
            {
                (field, error) = ("score", $"must be a probability in [0, 1], got {JsonlReader.Describe(s)}.");
                return null;
            }

            score = d;
        }

        Dictionary<string, double>? probabilities = null;
        if (root.TryGetProperty("probabilities", out var p) && p.ValueKind != JsonValueKind.Null)
        {
            if (p.ValueKind != JsonValueKind.Object)
            {
                (field, error) = ("probabilities", $"must be an object {{class: probability}}, got {JsonlReader.Describe(p)}.");
                return null;
            }

            probabilities = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var property in p.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out var d) || !(d >= 0 && d <= 1))
                {
                    (field, error) = ($"probabilities.{property.Name}", $"must be a probability in [0, 1], got {JsonlReader.Describe(property.Value)}.");
                    return null;
                }

                probabilities[property.Name] = d;
            }
        }

        return new EvalPrediction(value, score, probabilities);
    }
}
