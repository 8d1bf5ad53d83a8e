namespace Vigil.Cli.Evaluation.Judge;

/// <summary>
/// The judge's verdict on one item. Single mode: <see cref="Score"/> is the judge's score. Pairwise mode:
/// <see cref="Score"/> is the preference for prediction A averaged over both orders (1 = A wins, 0 = B wins,
/// 0.5 = tie), so each item scores 0, 0.25, 0.5, 0.75 or 1. A verdict with <see cref="Error"/> has no score.
/// </summary>
internal sealed record JudgeVerdict
{
    /// <summary>The score (single) or A's averaged preference (pairwise); null on failure.</summary>
    public double? Score { get; init; }

    /// <summary>Pairwise: the winner the judge named with A shown first, then with B shown first (as labelled in that prompt).</summary>
    public IReadOnlyList<string>? Winners { get; init; }

    /// <summary>The judge's reason (first call).</summary>
    public string? Reason { get; init; }

    /// <summary>Why there is no score: a failed call or an answer that did not parse.</summary>
    public string? Error { get; init; }

    /// <summary>The failure is an answer that did not parse (rather than a failed call).</summary>
    public bool ParseFailure { get; init; }

    /// <summary>The rejected answer, clipped to 500 characters, for error analysis.</summary>
    public string? RawAnswer { get; init; }

    /// <summary>Prompt tokens over this item's calls (from <c>usage</c>).</summary>
    public long PromptTokens { get; init; }

    /// <summary>Completion tokens over this item's calls.</summary>
    public long CompletionTokens { get; init; }

    /// <summary>Latency summed over this item's calls, in milliseconds.</summary>
    public double LatencyMs { get; init; }

    /// <summary>Pairwise: both orders named the same prediction (or both a tie).</summary>
    public bool? Consistent => Winners is [var first, var second] ? first == "tie" ? second == "tie" : first != second && second != "tie" : null;
}
