using CsvHelper;

namespace Vigil.Cli.Data;

/// <summary>
/// Streams a CSV file (RFC 4180, header row required, comma separated) into column buffers with
/// CsvHelper's UTF-8 reader: numbers are parsed straight from the bytes, so numeric cells allocate nothing.
/// </summary>
internal static class CsvTableReader
{
    public static TableScan Read(string path, ReadOptions options, ColumnSinkFactory factory)
    {
        var csvOptions = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Throw,
            SkipEmptyLines = true,
            MaxRecordSize = options.MaxRecordBytes,
            BufferSize = 1 << 20,
        };
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var reader = CsvReader.Create(stream, csvOptions, leaveOpen: false);
        long row = 1;
        try
        {
            reader.ReadHeader();
            var header = reader.Headers;
            if (header.Count == 0)
            {
                throw InputException.At(path, null, null, "the file is empty (a header row is required).");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            var slots = new List<(int Index, IColumnSink Column)>();
            var columns = new List<IColumnSink>();
            var capacity = EstimateRows(path, stream.Length);
            for (var i = 0; i < header.Count; i++)
            {
                var name = header[i].Trim();
                if (name.Length == 0)
                {
                    throw InputException.At(path, 1, null, $"header field {i + 1} is empty; every column needs a name.");
                }

                if (!seen.Add(name))
                {
                    throw InputException.At(path, 1, name, "the column name appears twice in the header.");
                }

                if (options.Keeps(name))
                {
                    var column = factory(name, options.HintFor(name), capacity);
                    slots.Add((i, column));
                    columns.Add(column);
                }
            }

            var indices = slots.ConvertAll(s => s.Index).ToArray();
            var buffers = slots.ConvertAll(s => s.Column).ToArray();
            while (reader.Read())
            {
                row = reader.RowNumber + 1;
                if ((row & 0xFFFF) == 0)
                {
                    options.OnProgress?.Invoke(stream.Position);
                }

                for (var k = 0; k < indices.Length; k++)
                {
                    CellParser.AddUtf8(buffers[k], reader.GetSpan(indices[k]), path, row);
                }
            }

            return new TableScan(path, columns, row - 1);
        }
        catch (CsvFormatException ex)
        {
            throw InputException.At(path, ex.RecordNumber > 0 ? ex.RecordNumber : null, null, $"malformed CSV: {FirstLine(ex.Message)}", ex);
        }
    }

    /// <summary>Rows in the file, estimated from the line length of its first 256 KiB, so column buffers rarely grow.</summary>
    private static int EstimateRows(string path, long bytes)
    {
        var buffer = new byte[(int)Math.Min(bytes, 256 * 1024)];
        using (var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            probe.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }

        var lines = buffer.AsSpan().Count((byte)'\n');
        var estimate = lines <= 1 ? 1024 : (bytes * 1.02 * lines / buffer.Length) + 16;
        return (int)Math.Clamp(estimate, 1024, Array.MaxLength);
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
