namespace Vigil.Cli.Data;

/// <summary>The columns of one input file, accumulated by a reader.</summary>
internal sealed class TableData
{
    public TableData(string path, IReadOnlyList<ColumnBuffer> columns, long rows)
    {
        Path = path;
        Columns = columns;
        Rows = rows;
        var byName = new Dictionary<string, ColumnBuffer>(StringComparer.Ordinal);
        foreach (var c in columns)
        {
            byName[c.Name] = c;
        }

        ByName = byName;
    }

    public string Path { get; }

    public IReadOnlyList<ColumnBuffer> Columns { get; }

    public IReadOnlyDictionary<string, ColumnBuffer> ByName { get; }

    public long Rows { get; }
}
