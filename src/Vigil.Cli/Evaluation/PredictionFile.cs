namespace Vigil.Cli.Evaluation;

/// <summary>A predictions file read by id.</summary>
/// <param name="Path">The file.</param>
/// <param name="ById">Each row's prediction by id.</param>
/// <param name="Ids">The ids in file order.</param>
/// <param name="Lines">The line of each id.</param>
internal sealed record PredictionFile(string Path, IReadOnlyDictionary<string, EvalPrediction> ById, IReadOnlyList<string> Ids, IReadOnlyDictionary<string, int> Lines);
