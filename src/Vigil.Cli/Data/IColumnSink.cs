namespace Vigil.Cli.Data;

/// <summary>Receives one column's cells as a reader streams a file: buffers for drift, profiles for <c>vigil profile</c>.</summary>
internal interface IColumnSink
{
    string Name { get; }

    ColumnTypeHint Hint { get; }

    void AddMissing();

    /// <summary>A number (NaN and infinities count as missing).</summary>
    void AddNumber(double value);

    /// <summary>A non-numeric label.</summary>
    void AddLabel(ReadOnlySpan<char> label);
}

/// <summary>Creates the sink of a column when a reader meets it.</summary>
/// <param name="name">Column name.</param>
/// <param name="hint">Forced type, if any.</param>
/// <param name="capacity">Expected number of rows (a hint for buffers).</param>
internal delegate IColumnSink ColumnSinkFactory(string name, ColumnTypeHint hint, int capacity);
