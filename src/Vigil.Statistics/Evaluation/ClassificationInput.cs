namespace Vigil.Statistics.Evaluation;

/// <summary>
/// One classification evaluation: the expected and predicted label of each row, optionally with the model's
/// probabilities. Input of <see cref="ClassificationMetrics.Compute(ClassificationInput)"/>.
/// </summary>
/// <param name="Expected">The true label of each row (compared ordinally, case-sensitive).</param>
/// <param name="Predicted">The predicted label of each row; same length as <paramref name="Expected"/>.</param>
/// <remarks>
/// Binary when the union of expected and predicted labels has at most two values, multiclass otherwise.
/// Probabilities must be finite and lie in [0, 1]; they need not sum to 1 (log loss renormalises as sklearn does).
/// In a binary evaluation <see cref="PositiveScores"/>, when given, is used for every probabilistic metric and
/// <see cref="Probabilities"/> is ignored.
/// </remarks>
public sealed record ClassificationInput(IReadOnlyList<string> Expected, IReadOnlyList<string> Predicted)
{
    /// <summary>Binary only: the probability of the positive class for each row (null when not available).</summary>
    public IReadOnlyList<double>? PositiveScores { get; init; }

    /// <summary>
    /// Per row, class to probability (null when not available). A class missing from a row has probability 0.
    /// The probability classes are the labels plus every key that occurs in any row.
    /// </summary>
    public IReadOnlyList<IReadOnlyDictionary<string, double>>? Probabilities { get; init; }

    /// <summary>
    /// Binary only: the positive label. When null, <see cref="ClassificationMetrics.DefaultPositiveLabel"/> picks it:
    /// "1" if present, else a label equal to "true" or "yes" ignoring case, else the second label in ordinal order.
    /// </summary>
    public string? PositiveLabel { get; init; }

    /// <summary>Number of equal-width confidence bins of the expected calibration error; default 10, at least 1.</summary>
    public int CalibrationBins { get; init; } = 10;
}
