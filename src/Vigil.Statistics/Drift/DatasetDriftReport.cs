namespace Vigil.Statistics.Drift;

/// <summary>The drift verdict of a dataset: per column, and overall.</summary>
/// <param name="DatasetDrift">True when <paramref name="DriftShare"/> reaches <paramref name="DriftShareThreshold"/>.</param>
/// <param name="DriftShare">Drifted columns / total columns.</param>
/// <param name="DriftedColumns">Number of drifted columns.</param>
/// <param name="TotalColumns">Number of columns analysed.</param>
/// <param name="DriftShareThreshold">The share at which the dataset counts as drifted.</param>
/// <param name="Correction">p-value correction applied across columns.</param>
/// <param name="Columns">Per-column verdicts, in input order.</param>
public sealed record DatasetDriftReport(
    bool DatasetDrift,
    double DriftShare,
    int DriftedColumns,
    int TotalColumns,
    double DriftShareThreshold,
    PValueCorrection Correction,
    IReadOnlyList<ColumnDrift> Columns);
