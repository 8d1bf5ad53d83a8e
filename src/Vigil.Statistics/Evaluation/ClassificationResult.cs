namespace Vigil.Statistics.Evaluation;

/// <summary>The metrics of one classification evaluation and its confusion matrix.</summary>
/// <param name="Metrics">
/// Metric name to value (accuracy, precision, recall, f1, f1_macro, f1_micro, f1_weighted, roc_auc, pr_auc,
/// log_loss, brier, ece); a metric that cannot be computed for the input is absent, never NaN.
/// </param>
/// <param name="Labels">The union of expected and predicted labels in ordinal order.</param>
/// <param name="Confusion">Row counts: <c>Confusion[expectedIndex, predictedIndex]</c>, indices into <paramref name="Labels"/>.</param>
public sealed record ClassificationResult(IReadOnlyDictionary<string, double> Metrics, IReadOnlyList<string> Labels, long[,] Confusion);
