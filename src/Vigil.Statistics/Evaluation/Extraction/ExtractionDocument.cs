namespace Vigil.Statistics.Evaluation.Extraction;

/// <summary>One document's scoring by <see cref="ExtractionMetrics.Score"/>; documents add up in <see cref="ExtractionMetrics.Aggregate"/>.</summary>
/// <param name="Fields">Counts per dotted field path (each count 0 or 1, except grounding counts of array fields).</param>
/// <param name="Totals">The sum of <paramref name="Fields"/>.</param>
/// <param name="AllFieldsCorrect">No scored field differs (a document without scored fields is correct).</param>
/// <param name="SchemaValid">Validity of the prediction against the schema; null when no schema was given; false when there was no prediction.</param>
/// <param name="PredictionMissing">The prediction was absent or unparseable.</param>
public sealed record ExtractionDocument(
    IReadOnlyDictionary<string, ExtractionFieldCounts> Fields,
    ExtractionFieldCounts Totals,
    bool AllFieldsCorrect,
    bool? SchemaValid,
    bool PredictionMissing);
