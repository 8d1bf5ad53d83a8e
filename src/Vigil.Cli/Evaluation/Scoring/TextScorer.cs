using System.Text.Json;
using Vigil.Statistics.Evaluation.Text;

namespace Vigil.Cli.Evaluation.Scoring;

/// <summary>
/// Text metrics (<see cref="TextMetrics"/>: bleu, chrf, rouge1, rouge2, rougeL) over the items with a prediction.
/// The expected value is a reference string or an array of reference strings; no per-item verdict.
/// </summary>
internal sealed class TextScorer : TaskScorer
{
    private readonly TextItemStatistics?[] _statistics;

    public TextScorer(IReadOnlyList<EvalItem> items)
        : base(items)
    {
        _statistics = new TextItemStatistics?[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].HasPrediction)
            {
                _statistics[i] = TextMetrics.Item(items[i].Prediction!.Value.GetString()!, References(items[i].Golden.Expected!.Value));
            }
        }
    }

    /// <inheritdoc/>
    public override EvalTask Task => EvalTask.Text;

    /// <inheritdoc/>
    public override bool HasPassRate => false;

    /// <summary>The references of an expected value: the string, or each string of an array.</summary>
    public static string[] References(JsonElement expected) => expected.ValueKind == JsonValueKind.Array
        ? expected.EnumerateArray().Select(e => e.GetString()!).ToArray()
        : [expected.GetString()!];

    /// <inheritdoc/>
    public override bool? Passes(int index) => null;

    /// <inheritdoc/>
    protected override Dictionary<string, double> ComputeScored(ReadOnlySpan<int> scored)
    {
        var list = new TextItemStatistics[scored.Length];
        for (var i = 0; i < scored.Length; i++)
        {
            list[i] = _statistics[scored[i]]!;
        }

        return new Dictionary<string, double>(TextMetrics.Aggregate(list), StringComparer.Ordinal);
    }
}
