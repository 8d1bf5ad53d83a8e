namespace Vigil.Cli.Evaluation.Reports;

/// <summary>A previous <c>vigil eval --format json</c> result used as the baseline of relative gates.</summary>
/// <param name="Path">The file.</param>
/// <param name="Task">Its task name.</param>
/// <param name="DatasetHash">Its golden set's hash, when recorded.</param>
/// <param name="Metrics">Its overall metrics.</param>
/// <param name="Items">Its per-item results (needed for the paired bootstrap); null when the file has none.</param>
internal sealed record BaselineRun(string Path, string Task, string? DatasetHash, IReadOnlyDictionary<string, double> Metrics, IReadOnlyList<EvalItem>? Items);
