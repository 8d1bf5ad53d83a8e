using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Vigil.Cli.Registry;

/// <summary>Formatting of registry JSON for tables: times, values, rule verdicts.</summary>
internal static class RegistryViews
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>A string property, or "" when absent or null.</summary>
    public static string Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? Value(v) : string.Empty;

    /// <summary>A time property as <c>yyyy-MM-dd HH:mm:ssZ</c> (UTC), or "".</summary>
    public static string Time(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.TryGetDateTimeOffset(out var t)
            ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : string.Empty;

    /// <summary>A JSON value as short text: strings bare, arrays as [a, b], objects as k=v pairs, null as "".</summary>
    public static string Value(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
        JsonValueKind.Array => "[" + string.Join(", ", v.EnumerateArray().Select(Value)) + "]",
        JsonValueKind.Object => string.Join(" ", v.EnumerateObject().Select(p => $"{p.Name}={Value(p.Value)}")),
        _ => v.GetRawText(),
    };

    /// <summary>The items of an array property (none when absent).</summary>
    public static IEnumerable<JsonElement> Items(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];

    /// <summary>Indented JSON text.</summary>
    public static string Pretty(JsonElement e) => JsonSerializer.Serialize(e, Indented);

    /// <summary>A table of cells escaped for Spectre markup.</summary>
    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var c in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(c)));
        }

        return table;
    }

    public static void Row(Table table, params string[] cells) => table.AddRow(cells.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(c)));

    /// <summary>The policy rules' verdicts: rule, passed or FAILED, detail, values.</summary>
    public static void WriteRules(IEnumerable<JsonElement> rules, IAnsiConsole console)
    {
        var table = Table("rule", "verdict", "detail", "values");
        foreach (var r in rules)
        {
            var passed = r.TryGetProperty("passed", out var p) && p.ValueKind == JsonValueKind.True;
            Row(table, Str(r, "rule"), passed ? "passed" : "FAILED", Str(r, "detail"), r.TryGetProperty("values", out var v) ? Value(v) : string.Empty);
        }

        console.Write(table);
    }

    /// <summary>Key/value lines: <c>name: value</c>, skipping empty values.</summary>
    public static void WriteFields(TextWriter output, params (string Name, string Value)[] fields)
    {
        var width = fields.Max(f => f.Name.Length) + 1;
        foreach (var (name, value) in fields.Where(f => f.Value.Length > 0))
        {
            output.WriteLine($"{(name + ":").PadRight(width)} {value}");
        }
    }
}
