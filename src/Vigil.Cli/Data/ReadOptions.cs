namespace Vigil.Cli.Data;

/// <summary>What a reader should keep.</summary>
internal sealed class ReadOptions
{
    /// <summary>Columns to keep; null keeps all.</summary>
    public IReadOnlySet<string>? Columns { get; init; }

    /// <summary>Forced column types by name.</summary>
    public IReadOnlyDictionary<string, ColumnTypeHint> Types { get; init; } = new Dictionary<string, ColumnTypeHint>();

    /// <summary>Largest accepted input file in bytes (guards against a wrong path to a huge file). Default 64 GiB.</summary>
    public long MaxFileBytes { get; init; } = 64L << 30;

    /// <summary>Largest CSV record in bytes (an unclosed quote must not swallow the file). Default 16 MiB.</summary>
    public int MaxRecordBytes { get; init; } = 16 << 20;

    /// <summary>Called now and then with the bytes read so far (for progress bars).</summary>
    public Action<long>? OnProgress { get; init; }

    public bool Keeps(string column) => Columns is null || Columns.Contains(column);

    public ColumnTypeHint HintFor(string column) => Types.TryGetValue(column, out var hint) ? hint : ColumnTypeHint.Infer;
}
