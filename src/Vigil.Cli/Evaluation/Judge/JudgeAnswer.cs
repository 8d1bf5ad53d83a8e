namespace Vigil.Cli.Evaluation.Judge;

/// <summary>A judge's answer parsed strictly: a score (or, pairwise, a winner) and a reason, or why it could not be parsed.</summary>
/// <param name="Score">The score (single mode); null in pairwise mode or on failure.</param>
/// <param name="Winner"><c>A</c>, <c>B</c> or <c>tie</c> (pairwise mode); null otherwise or on failure.</param>
/// <param name="Reason">The judge's reason, when given.</param>
/// <param name="Error">Why the answer was rejected; null when it parsed.</param>
internal sealed record JudgeAnswer(double? Score, string? Winner, string? Reason, string? Error)
{
    /// <summary>A rejected answer.</summary>
    public static JudgeAnswer Rejected(string error) => new(null, null, null, error);
}
