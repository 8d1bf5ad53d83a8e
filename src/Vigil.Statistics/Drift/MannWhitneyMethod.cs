namespace Vigil.Statistics.Drift;

/// <summary>How <see cref="MannWhitney.UTest"/> computes its p-value, as scipy's <c>method</c> argument.</summary>
public enum MannWhitneyMethod
{
    /// <summary>
    /// scipy's rule: <see cref="Exact"/> when at least one sample has at most 8 values and there are no ties
    /// (within or between the samples), otherwise <see cref="Asymptotic"/>.
    /// </summary>
    Auto,

    /// <summary>
    /// The exact null distribution of U (no tie correction; a half-integer U from ties is truncated, as scipy does).
    /// Supported when the smaller sample has at most 8 values or C(n₁ + n₂, n₁) &lt; 2^127.
    /// </summary>
    Exact,

    /// <summary>The normal approximation with the tie-corrected variance and, when asked, the continuity correction.</summary>
    Asymptotic,
}
