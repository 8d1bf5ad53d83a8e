namespace Vigil.Statistics.Drift;

/// <summary>The alternative hypothesis of <see cref="MannWhitney.UTest"/>, as scipy's <c>alternative</c> argument.</summary>
public enum MannWhitneyAlternative
{
    /// <summary>The distributions differ (<c>"two-sided"</c>): p = 2 · P(U ≥ max(U₁, U₂)), capped at 1.</summary>
    TwoSided,

    /// <summary>
    /// The reference distribution is stochastically less than the current (<c>"less"</c>): p = P(U ≥ U₂).
    /// Evidently's <c>mannw</c> uses this one.
    /// </summary>
    Less,

    /// <summary>The reference distribution is stochastically greater than the current (<c>"greater"</c>): p = P(U ≥ U₁).</summary>
    Greater,
}
