namespace Vigil.Statistics.Drift;

/// <summary>How <see cref="CramerVonMises.TwoSample"/> computes its p-value (scipy's <c>cramervonmises_2samp(method=...)</c>).</summary>
public enum CramerVonMisesMode
{
    /// <summary>Exact when both samples have at most 20 values, otherwise asymptotic (scipy's <c>'auto'</c>).</summary>
    Auto,

    /// <summary>
    /// The exact permutation distribution of the statistic (scipy's <c>'exact'</c>). Its cost grows roughly like
    /// C(n1 + n2, n1) in the worst case: meant for small samples.
    /// </summary>
    Exact,

    /// <summary>The limiting distribution applied to the standardised statistic (scipy's <c>'asymptotic'</c>).</summary>
    Asymptotic,
}
