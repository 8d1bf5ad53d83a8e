using Vigil.Statistics.Evaluation;

namespace Vigil.Cli.Evaluation.Scoring;

/// <summary>Regression metrics (<see cref="RegressionMetrics"/>: mae, rmse, mape, r2) over the items with a prediction; no per-item verdict.</summary>
internal sealed class RegressionScorer : TaskScorer
{
    private readonly double[] _expected;
    private readonly double[] _predicted;

    public RegressionScorer(IReadOnlyList<EvalItem> items)
        : base(items)
    {
        _expected = new double[items.Count];
        _predicted = new double[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            _expected[i] = items[i].Golden.Expected!.Value.GetDouble();
            _predicted[i] = items[i].HasPrediction ? items[i].Prediction!.Value.GetDouble() : _expected[i];
        }
    }

    /// <inheritdoc/>
    public override EvalTask Task => EvalTask.Regression;

    /// <inheritdoc/>
    public override bool HasPassRate => false;

    /// <inheritdoc/>
    public override bool? Passes(int index) => null;

    /// <inheritdoc/>
    protected override Dictionary<string, double> ComputeScored(ReadOnlySpan<int> scored) =>
        new(RegressionMetrics.Compute(_expected, _predicted, scored), StringComparer.Ordinal);
}
