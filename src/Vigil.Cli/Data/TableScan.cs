namespace Vigil.Cli.Data;

/// <summary>What a reader produced: the sinks of the kept columns, in file order, and the number of data rows.</summary>
internal sealed record TableScan(string Path, IReadOnlyList<IColumnSink> Columns, long Rows);
