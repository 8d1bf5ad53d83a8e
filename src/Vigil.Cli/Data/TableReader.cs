namespace Vigil.Cli.Data;

/// <summary>Picks a reader by file extension and checks the file first.</summary>
internal static class TableReader
{
    public static readonly string[] Extensions = [".csv", ".jsonl", ".ndjson", ".parquet"];

    /// <summary>Reads a whole file into column buffers (what drift between two data files needs).</summary>
    public static TableData Read(string path, ReadOptions options)
    {
        var scan = Scan(path, options, (name, hint, capacity) => new ColumnBuffer(name, hint, capacity));
        return new TableData(scan.Path, scan.Columns.Cast<ColumnBuffer>().ToList(), scan.Rows);
    }

    /// <summary>Streams a file into the sinks that <paramref name="factory"/> makes, one per kept column.</summary>
    public static TableScan Scan(string path, ReadOptions options, ColumnSinkFactory factory)
    {
        if (!File.Exists(path))
        {
            throw InputException.At(path, null, null, Directory.Exists(path) ? "is a directory, not a data file." : "file not found.");
        }

        var length = new FileInfo(path).Length;
        if (length == 0)
        {
            throw InputException.At(path, null, null, "the file is empty.");
        }

        if (length > options.MaxFileBytes)
        {
            throw InputException.At(path, null, null, $"the file is {length:N0} bytes, above the limit of {options.MaxFileBytes:N0}.");
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".csv" => CsvTableReader.Read(path, options, factory),
            ".jsonl" or ".ndjson" => JsonlTableReader.Read(path, options, factory),
            ".parquet" => ParquetTableReader.Read(path, options, factory),
            _ => throw InputException.At(path, null, null, $"unknown format '{extension}'; use one of {string.Join(", ", Extensions)}."),
        };
    }
}
