namespace Vigil.Statistics.Drift;

/// <summary>Multiple-comparison correction of p-values across the columns of one report.</summary>
public enum PValueCorrection
{
    /// <summary>No correction.</summary>
    None,

    /// <summary>Bonferroni: p' = min(1, m p), controls the family-wise error rate.</summary>
    Bonferroni,

    /// <summary>Benjamini-Hochberg step-up: controls the false discovery rate (statsmodels <c>fdr_bh</c>).</summary>
    BenjaminiHochberg,
}
