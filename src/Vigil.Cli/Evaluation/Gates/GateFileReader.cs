using System.Text.Json;
using Vigil.Cli.Data;

namespace Vigil.Cli.Evaluation.Gates;

/// <summary>
/// Reads a gates file (<c>--gates FILE</c>): a JSON array, or an object with a <c>gates</c> array, whose elements are
/// gate strings as for <c>--gate</c> or objects <c>{"metric": m, KEY: x}</c> with one KEY of <c>min</c> (m &gt;= x),
/// <c>max</c> (m &lt;= x), <c>max_drop</c> (m &gt;= baseline - x), <c>max_relative_drop</c> (m &gt;= baseline - x%),
/// <c>max_increase</c> (m &lt;= baseline + x), <c>max_relative_increase</c> (m &lt;= baseline + x%), or <c>rule</c>
/// (the text after the metric, e.g. <c>"&gt;= baseline - 0.02"</c>). Relative amounts are percentages.
/// </summary>
internal static class GateFileReader
{
    private static readonly string[] Keys = ["min", "max", "max_drop", "max_relative_drop", "max_increase", "max_relative_increase", "rule"];

    public static List<GateRule> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"--gates {path}: not found.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException ex)
        {
            throw new InputException($"--gates {path}: not valid JSON ({ex.Message}).", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            var list = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("gates", out var g) ? g : root;
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw new InputException($"--gates {path}: expected an array of gates or an object {{\"gates\": [...]}}.");
            }

            var gates = new List<GateRule>();
            var index = 0;
            foreach (var element in list.EnumerateArray())
            {
                gates.Add(Read(path, index++, element));
            }

            return gates;
        }
    }

    private static GateRule Read(string path, int index, JsonElement element)
    {
        var where = $"--gates {path}, gate {index + 1}";
        if (element.ValueKind == JsonValueKind.String)
        {
            return GateParser.Parse(element.GetString()!, where);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InputException($"{where}: expected a string such as \"accuracy>=0.9\" or an object {{\"metric\", \"min\"|\"max\"|\"max_drop\"|...}}.");
        }

        if (!element.TryGetProperty("metric", out var metric) || metric.ValueKind != JsonValueKind.String || metric.GetString()!.Length == 0)
        {
            throw new InputException($"{where}, field 'metric': missing or not a string.");
        }

        var name = metric.GetString()!;
        var present = Keys.Where(k => element.TryGetProperty(k, out _)).ToList();
        if (present.Count != 1)
        {
            throw new InputException($"{where} ({name}): give exactly one of {string.Join(", ", Keys)}.");
        }

        var key = present[0];
        var value = element.GetProperty(key);
        if (key == "rule")
        {
            return value.ValueKind == JsonValueKind.String
                ? GateParser.ParseRule(name, value.GetString()!, where)
                : throw new InputException($"{where}, field 'rule': must be a string such as \">= baseline - 0.02\".");
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var x) || !double.IsFinite(x))
        {
            throw new InputException($"{where}, field '{key}': must be a finite number.");
        }

        if (key.StartsWith("max_", StringComparison.Ordinal) && x < 0)
        {
            throw new InputException($"{where}, field '{key}': must not be negative.");
        }

        return key switch
        {
            "min" => new GateRule(name, GateComparison.AtLeast, x, false, 0, false),
            "max" => new GateRule(name, GateComparison.AtMost, x, false, 0, false),
            "max_drop" => new GateRule(name, GateComparison.AtLeast, double.NaN, true, -x, false),
            "max_relative_drop" => new GateRule(name, GateComparison.AtLeast, double.NaN, true, -x, true),
            "max_increase" => new GateRule(name, GateComparison.AtMost, double.NaN, true, x, false),
            _ => new GateRule(name, GateComparison.AtMost, double.NaN, true, x, true),
        };
    }
}
