using Vigil.Statistics.Evaluation;

namespace Vigil.Cli.Evaluation.Scoring;

/// <summary>
/// Classification metrics (<see cref="ClassificationMetrics"/>) over the items with a prediction. Scores are used when
/// every such item has a <c>score</c>, probabilities when every one has <c>probabilities</c>. In a binary task the
/// positive label is chosen once over the whole set (so per-tag and bootstrap subsets agree). An item passes when
/// the predicted label equals the expected one. Labels are compared as text (<see cref="Labels"/>).
/// </summary>
internal sealed class ClassificationScorer : TaskScorer
{
    private readonly ClassificationInput _input;
    private readonly bool[] _correct;

    public ClassificationScorer(IReadOnlyList<EvalItem> items, ScoringOptions options)
        : base(items)
    {
        var expected = new string[items.Count];
        var predicted = new string[items.Count];
        _correct = new bool[items.Count];
        bool allScores = true, allProbabilities = true, any = false;
        var labels = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            expected[i] = Label(items[i].Golden.Expected);
            predicted[i] = items[i].HasPrediction ? Label(items[i].Prediction!.Value) : expected[i];
            if (items[i].HasPrediction)
            {
                any = true;
                allScores &= items[i].Prediction!.Score is not null;
                allProbabilities &= items[i].Prediction!.Probabilities is not null;
                _correct[i] = expected[i] == predicted[i];
                labels.Add(expected[i]);
                labels.Add(predicted[i]);
            }
        }

        var binary = labels.Count <= 2;
        PositiveLabel = binary ? options.PositiveLabel ?? ClassificationMetrics.DefaultPositiveLabel(labels.ToList()) : null;
        _input = new ClassificationInput(expected, predicted)
        {
            PositiveLabel = PositiveLabel,
            CalibrationBins = options.CalibrationBins,
            PositiveScores = any && allScores && binary ? items.Select(i => i.Prediction?.Score ?? 0).ToArray() : null,
            Probabilities = any && allProbabilities ? items.Select(i => i.Prediction?.Probabilities ?? Empty).ToArray() : null,
        };
    }

    private static readonly IReadOnlyDictionary<string, double> Empty = new Dictionary<string, double>();

    /// <inheritdoc/>
    public override EvalTask Task => EvalTask.Classification;

    /// <inheritdoc/>
    public override bool HasPassRate => true;

    /// <summary>The positive label of a binary task.</summary>
    public string? PositiveLabel { get; }

    /// <summary>The probabilistic metrics use scores (binary) or probabilities; null when neither is on every prediction.</summary>
    public string? ProbabilitySource => _input.PositiveScores is not null ? "score" : _input.Probabilities is not null ? "probabilities" : null;

    /// <inheritdoc/>
    public override bool? Passes(int index) => Items[index].HasPrediction && _correct[index];

    /// <summary>The full result (metrics, labels, confusion matrix) over every item with a prediction.</summary>
    public ClassificationResult Result()
    {
        var rows = Enumerable.Range(0, Items.Count).Where(i => Items[i].HasPrediction).ToArray();
        return ClassificationMetrics.Compute(_input, rows);
    }

    /// <inheritdoc/>
    protected override Dictionary<string, double> ComputeScored(ReadOnlySpan<int> scored) =>
        new(ClassificationMetrics.Compute(_input, scored).Metrics, StringComparer.Ordinal);

    private static string Label(System.Text.Json.JsonElement? value) =>
        value is { } v && Labels.TryOf(v, out var label) ? label : throw new InvalidOperationException("labels are checked before scoring.");
}
