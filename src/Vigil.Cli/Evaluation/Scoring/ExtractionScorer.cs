using System.Text.Json;
using Vigil.Statistics.Evaluation.Extraction;

namespace Vigil.Cli.Evaluation.Scoring;

/// <summary>
/// Extraction metrics (<see cref="ExtractionMetrics"/>) over the items with a prediction. The prediction is the record
/// of fields: a JSON object, or a string holding one (models often answer JSON as text); anything else counts as
/// an unparseable output (no fields). The source for grounding is the item's input when it is a string, else its
/// first string field among <c>source</c>, <c>document</c>, <c>text</c>, <c>content</c>. An item passes when every
/// scored field is right (the document is accurate).
/// </summary>
internal sealed class ExtractionScorer : TaskScorer
{
    private static readonly string[] SourceFields = ["source", "document", "text", "content"];
    private readonly ExtractionDocument?[] _documents;

    public ExtractionScorer(IReadOnlyList<EvalItem> items, ExtractionOptions options)
        : base(items)
    {
        _documents = new ExtractionDocument?[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].HasPrediction)
            {
                _documents[i] = ExtractionMetrics.Score(items[i].Golden.Expected!.Value, Document(items[i].Prediction!.Value), Source(items[i].Golden.Input), options);
            }
        }
    }

    /// <inheritdoc/>
    public override EvalTask Task => EvalTask.Extraction;

    /// <inheritdoc/>
    public override bool HasPassRate => true;

    /// <summary>The record of fields in a prediction, or null when there is none.</summary>
    public static JsonElement? Document(JsonElement prediction)
    {
        if (prediction.ValueKind == JsonValueKind.Object)
        {
            return prediction;
        }

        if (prediction.ValueKind == JsonValueKind.String)
        {
            try
            {
                using var document = JsonDocument.Parse(prediction.GetString()!);
                return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>The source text of an item's input, or null.</summary>
    public static string? Source(JsonElement input)
    {
        if (input.ValueKind == JsonValueKind.String)
        {
            return input.GetString();
        }

        if (input.ValueKind == JsonValueKind.Object)
        {
            foreach (var name in SourceFields)
            {
                if (input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString();
                }
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public override bool? Passes(int index) => _documents[index] is { AllFieldsCorrect: true };

    /// <summary>Metrics and the per-field table over every item with a prediction.</summary>
    public ExtractionResult Result() => ExtractionMetrics.Aggregate(_documents.Where(d => d is not null).ToList()!);

    /// <inheritdoc/>
    protected override Dictionary<string, double> ComputeScored(ReadOnlySpan<int> scored)
    {
        var list = new ExtractionDocument[scored.Length];
        for (var i = 0; i < scored.Length; i++)
        {
            list[i] = _documents[scored[i]]!;
        }

        return new Dictionary<string, double>(ExtractionMetrics.Aggregate(list).Metrics, StringComparer.Ordinal);
    }
}
