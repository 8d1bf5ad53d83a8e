using Vigil.Cli.Data;

namespace Vigil.Cli.Commands;

/// <summary>Parsing of options that several commands share.</summary>
internal static class CommandOptions
{
    public static List<string>? ParseColumns(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var list = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? throw new UsageException("--columns lists no column.") : list;
    }

    public static Dictionary<string, ColumnTypeHint> ParseColumnTypes(string[] values)
    {
        var types = new Dictionary<string, ColumnTypeHint>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var eq = value.LastIndexOf('=');
            var name = eq > 0 ? value[..eq].Trim() : string.Empty;
            var type = eq > 0 ? value[(eq + 1)..].Trim().ToLowerInvariant() : string.Empty;
            types[name.Length == 0 ? throw new UsageException($"--column-type '{value}': expected name=numerical|categorical.") : name] = type switch
            {
                "numerical" or "num" or "numeric" => ColumnTypeHint.Numerical,
                "categorical" or "cat" => ColumnTypeHint.Categorical,
                _ => throw new UsageException($"--column-type '{value}': the type must be numerical or categorical."),
            };
        }

        return types;
    }
}
