namespace Vigil.Cli.Evaluation.Reports;

/// <summary>A confusion matrix: <c>Matrix[expected, predicted]</c> over <see cref="Labels"/> (ordinal order).</summary>
/// <param name="Labels">The labels.</param>
/// <param name="Matrix">Counts, rows expected, columns predicted.</param>
internal sealed record ConfusionTable(IReadOnlyList<string> Labels, long[,] Matrix);
