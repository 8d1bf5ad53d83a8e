namespace Vigil.Cli.Evaluation.Gates;

/// <summary>A bootstrap percentile interval of a delta (current - baseline).</summary>
/// <param name="Low">Lower bound (2.5th percentile of the resampled deltas at 95%).</param>
/// <param name="High">Upper bound (97.5th percentile).</param>
/// <param name="Resamples">Resamples in which the metric could be computed on both runs.</param>
internal sealed record BootstrapInterval(double Low, double High, int Resamples);
