namespace Vigil.Statistics.Drift;

/// <summary>How <see cref="KolmogorovSmirnov.TwoSample"/> computes its p-value (scipy's <c>ks_2samp(method=...)</c>).</summary>
public enum KsMode
{
    /// <summary>Exact when both samples have at most 10,000 values, otherwise asymptotic (scipy's <c>'auto'</c>).</summary>
    Auto,

    /// <summary>
    /// The exact null distribution (scipy's <c>'exact'</c>). Falls back to <see cref="Asymptotic"/>, as scipy does
    /// with a warning, when lcm(n1, n2) is too large or the exact computation overflows.
    /// </summary>
    Exact,

    /// <summary>The asymptotic approximation (scipy's <c>'asymp'</c>).</summary>
    Asymptotic,
}
