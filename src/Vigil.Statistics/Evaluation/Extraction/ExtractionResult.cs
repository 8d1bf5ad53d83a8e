namespace Vigil.Statistics.Evaluation.Extraction;

/// <summary>Extraction metrics over documents (see <see cref="ExtractionMetrics"/> for the definitions).</summary>
/// <param name="Metrics">
/// <c>field_exact_match</c>, <c>token_f1</c>, <c>document_accuracy</c>, <c>null_rate</c>, <c>false_positive_rate</c>,
/// <c>schema_compliance</c>, <c>field_coverage</c>, <c>grounding</c>; a metric whose denominator is zero is omitted.
/// </param>
/// <param name="Fields">
/// Per dotted field path (ordinal order): <c>field_exact_match</c>, <c>token_f1</c>, <c>null_rate</c>,
/// <c>false_positive_rate</c>, <c>field_coverage</c>, <c>grounding</c> (each omitted when undefined) and <c>support</c>,
/// the number of documents with a non-empty expected value.
/// </param>
/// <param name="Count">Number of documents.</param>
public sealed record ExtractionResult(
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Fields,
    int Count);
