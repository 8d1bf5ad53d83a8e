namespace Vigil.Statistics.Drift;

/// <summary>How a column's values are compared.</summary>
public enum ColumnType
{
    /// <summary>Real numbers: compared by distribution (CDF, moments, histograms).</summary>
    Numerical,

    /// <summary>Labels: compared by category frequencies.</summary>
    Categorical,
}
