namespace Vigil.Cli.Evaluation;

/// <summary>Reads a predictions JSONL file: <c>{"id", "prediction", "score"?, "probabilities"?}</c> a line, ids unique.</summary>
internal static class PredictionReader
{
    public static PredictionFile Read(string path, string option = "--predictions")
    {
        var bytes = JsonlReader.ReadAllBytes(path, option);
        var byId = new Dictionary<string, EvalPrediction>(StringComparer.Ordinal);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new List<string>();
        foreach (var (line, root) in JsonlReader.Objects(path, bytes))
        {
            var id = JsonlReader.ReadId(path, line, root);
            if (!lines.TryAdd(id, line))
            {
                throw JsonlReader.Error(path, line, "id", $"duplicate id '{id}' (first on line {lines[id]}).");
            }

            var prediction = EvalPrediction.TryRead(root, out var field, out var error) ?? throw JsonlReader.Error(path, line, field, error!);
            byId.Add(id, prediction);
            ids.Add(id);
        }

        return new PredictionFile(path, byId, ids, lines);
    }
}
