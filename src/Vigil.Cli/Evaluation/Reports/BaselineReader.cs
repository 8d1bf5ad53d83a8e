using System.Text.Json;
using Vigil.Cli.Data;

namespace Vigil.Cli.Evaluation.Reports;

/// <summary>Reads a previous <c>vigil eval --format json</c> output as a baseline.</summary>
internal static class BaselineReader
{
    /// <summary>
    /// Reads <paramref name="path"/>. Items get their input from <paramref name="current"/> by id (the JSON report does
    /// not repeat inputs; extraction grounding needs them), or a JSON null for ids the current set lacks.
    /// </summary>
    public static BaselineRun Read(string path, GoldenSet current)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"--baseline {path}: not found.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException ex)
        {
            throw new InputException($"--baseline {path}: not valid JSON ({ex.Message}).", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            Exception Error(string reason) => new InputException($"--baseline {path}: {reason} (expected a vigil eval --format json output).");
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("task", out var task) || task.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("metrics", out var metrics) || metrics.ValueKind != JsonValueKind.Object)
            {
                throw Error("no 'task' and 'metrics'");
            }

            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var m in metrics.EnumerateObject())
            {
                if (m.Value.ValueKind == JsonValueKind.Number)
                {
                    values[m.Name] = m.Value.GetDouble();
                }
            }

            List<EvalItem>? items = null;
            if (root.TryGetProperty("items", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                var inputs = current.Items.ToDictionary(i => i.Id, i => i.Input, StringComparer.Ordinal);
                using var nullDocument = JsonDocument.Parse("null");
                var none = nullDocument.RootElement.Clone();
                items = [];
                foreach (var element in list.EnumerateArray())
                {
                    var id = element.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString()! : string.Empty;
                    items.Add(EvalItemJson.Read(element, inputs.TryGetValue(id, out var input) ? input : none, Error));
                }
            }

            var hash = root.TryGetProperty("dataset_hash", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() : null;
            return new BaselineRun(path, task.GetString()!, hash, values, items);
        }
    }
}
