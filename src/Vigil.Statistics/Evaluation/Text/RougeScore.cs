namespace Vigil.Statistics.Evaluation.Text;

/// <summary>Precision, recall and F-measure of one ROUGE variant for one item (rouge-score's <c>Score</c> tuple).</summary>
/// <param name="Precision">Matches / prediction count (0 for an empty prediction).</param>
/// <param name="Recall">Matches / target count (0 for an empty target).</param>
/// <param name="FMeasure">2 P R / (P + R), 0 when P + R = 0.</param>
public readonly record struct RougeScore(double Precision, double Recall, double FMeasure)
{
    /// <summary>rouge-score's <c>scoring.fmeasure</c>.</summary>
    internal static RougeScore FromPrecisionRecall(double precision, double recall) =>
        new(precision, recall, precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0);
}
