namespace Vigil.Statistics.Evaluation;

/// <summary>Disagreement weights of Cohen's kappa (sklearn <c>cohen_kappa_score(weights=...)</c>).</summary>
public enum KappaWeighting
{
    /// <summary>Unweighted: every disagreement weighs 1 (<c>weights=None</c>).</summary>
    None,

    /// <summary>Linear: disagreement between label positions i and j weighs |i - j|.</summary>
    Linear,

    /// <summary>Quadratic: disagreement between label positions i and j weighs (i - j)^2.</summary>
    Quadratic,
}
