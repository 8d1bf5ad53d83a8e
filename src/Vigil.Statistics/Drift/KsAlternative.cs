namespace Vigil.Statistics.Drift;

/// <summary>
/// The alternative hypothesis of <see cref="KolmogorovSmirnov.TwoSample"/>, as scipy's <c>ks_2samp(alternative=...)</c>,
/// with F the reference CDF and G the current CDF.
/// </summary>
public enum KsAlternative
{
    /// <summary>F != G; the statistic is max |F - G|.</summary>
    TwoSided,

    /// <summary>F &lt; G somewhere (the reference tends to larger values); the statistic is max(G - F), clipped at 0.</summary>
    Less,

    /// <summary>F &gt; G somewhere (the reference tends to smaller values); the statistic is max(F - G).</summary>
    Greater,
}
