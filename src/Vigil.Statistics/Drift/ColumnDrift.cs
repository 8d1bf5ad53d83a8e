namespace Vigil.Statistics.Drift;

/// <summary>The drift verdict of one column.</summary>
/// <param name="Column">Column name.</param>
/// <param name="Type">Column type used.</param>
/// <param name="Method">Method name (see <see cref="DriftMethods"/>).</param>
/// <param name="Statistic">The method's statistic.</param>
/// <param name="PValue">Raw p-value for tests; null for distances.</param>
/// <param name="AdjustedPValue">p-value after the report's correction (equal to <paramref name="PValue"/> without correction).</param>
/// <param name="Threshold">Decision threshold.</param>
/// <param name="Drifted">The verdict (on the adjusted p-value for tests).</param>
/// <param name="ReferenceCount">Non-missing reference values.</param>
/// <param name="CurrentCount">Non-missing current values.</param>
/// <param name="ReferenceMissing">Missing, NaN or infinite reference values dropped.</param>
/// <param name="CurrentMissing">Missing, NaN or infinite current values dropped.</param>
public sealed record ColumnDrift(
    string Column,
    ColumnType Type,
    string Method,
    double Statistic,
    double? PValue,
    double? AdjustedPValue,
    double Threshold,
    bool Drifted,
    long ReferenceCount,
    long CurrentCount,
    long ReferenceMissing,
    long CurrentMissing)
{
    /// <summary>False when computed from sketches (see <see cref="Bound"/>); raw-data results are exact.</summary>
    public bool IsExact { get; init; } = true;

    /// <summary>Interval that holds the exact statistic (99% confidence), for approximate results that have one.</summary>
    public (double Low, double High)? StatisticInterval { get; init; }

    /// <summary>Interval that holds the p-value, for approximate tests.</summary>
    public (double Low, double High)? PValueInterval { get; init; }

    /// <summary>The effect size checked against <see cref="DriftOptions.MinimumEffect"/> (KS D or total variation distance), when a floor was set.</summary>
    public double? Effect { get; init; }

    /// <summary>What the approximation guarantees, in words (null when exact).</summary>
    public string? Bound { get; init; }
}
