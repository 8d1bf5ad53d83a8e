namespace Vigil.Statistics.Evaluation.Text;

/// <summary>
/// One (hypothesis, reference) pair's sufficient statistics for BLEU, chrF and ROUGE. BLEU and chrF statistics add up
/// over items (corpus-level scores, as sacreBLEU's); ROUGE scores are averaged. Bootstrap by resampling these records
/// and calling <see cref="TextMetrics.Aggregate"/>.
/// </summary>
public sealed record TextItemStatistics
{
    /// <summary>Number of 13a tokens of the hypothesis (BLEU's c).</summary>
    public required int HypothesisLength { get; init; }

    /// <summary>Number of 13a tokens of the reference closest in length to the hypothesis (BLEU's r; ties to the shorter).</summary>
    public required int ReferenceLength { get; init; }

    /// <summary>Clipped n-gram matches for n = 1..4.</summary>
    public required IReadOnlyList<int> BleuMatches { get; init; }

    /// <summary>Hypothesis n-grams for n = 1..4.</summary>
    public required IReadOnlyList<int> BleuTotals { get; init; }

    /// <summary>chrF statistics: for each character order n = 1..6, (hypothesis n-grams, reference n-grams, matches).</summary>
    public required IReadOnlyList<int> ChrfStatistics { get; init; }

    /// <summary>ROUGE-1 of this item.</summary>
    public required RougeScore Rouge1 { get; init; }

    /// <summary>ROUGE-2 of this item.</summary>
    public required RougeScore Rouge2 { get; init; }

    /// <summary>ROUGE-L of this item.</summary>
    public required RougeScore RougeL { get; init; }
}
