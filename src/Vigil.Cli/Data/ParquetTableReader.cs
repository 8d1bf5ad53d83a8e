using Parquet;
using Parquet.Schema;

namespace Vigil.Cli.Data;

/// <summary>
/// Reads a Parquet file row group by row group with Parquet.Net (managed, no native code).
/// Integer, floating-point and decimal columns are numerical; string and boolean columns are
/// labels. Date/time, binary and nested columns are skipped unless named with <c>--columns</c>,
/// in which case they are an error.
/// </summary>
internal static class ParquetTableReader
{
    public static TableScan Read(string path, ReadOptions options, ColumnSinkFactory factory) => ReadAsync(path, options, factory).GetAwaiter().GetResult();

    private static async Task<TableScan> ReadAsync(string path, ReadOptions options, ColumnSinkFactory factory)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(stream);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ArgumentException or NotSupportedException or Parquet.ParquetException)
        {
            throw InputException.At(path, null, null, $"not a readable Parquet file: {ex.Message}", ex);
        }

        await using (reader)
        {
            var fields = new List<(DataField Field, IColumnSink Column)>();
            foreach (var field in reader.Schema.GetDataFields())
            {
                if (!options.Keeps(field.Name))
                {
                    continue;
                }

                if (field.IsArray || !IsSupported(field.ClrType))
                {
                    if (options.Columns is not null)
                    {
                        throw InputException.At(path, null, field.Name, $"Parquet type {field.ClrType.Name}{(field.IsArray ? "[]" : "")} cannot be compared for drift.");
                    }

                    continue;
                }

                fields.Add((field, factory(field.Name, options.HintFor(field.Name), (int)Math.Min(int.MaxValue, Math.Max(1024, reader.Metadata?.NumRows ?? 1024)))));
            }

            long rows = 0;
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var n = checked((int)group.RowCount);
                foreach (var (field, column) in fields)
                {
                    await ReadColumn(group, field, column, n, path, rows);
                }

                rows += n;
            }

            return new TableScan(path, fields.ConvertAll(f => f.Column), rows);
        }
    }

    private static bool IsSupported(Type t) =>
        t == typeof(double) || t == typeof(float) || t == typeof(int) || t == typeof(long) || t == typeof(short)
        || t == typeof(byte) || t == typeof(sbyte) || t == typeof(ushort) || t == typeof(uint) || t == typeof(ulong)
        || t == typeof(decimal) || t == typeof(bool) || t == typeof(string) || t == typeof(ReadOnlyMemory<char>);

    private static Task ReadColumn(ParquetRowGroupReader group, DataField field, IColumnSink column, int n, string path, long firstRow)
    {
        var t = field.ClrType;
        return t == typeof(double) ? ReadNumbers<double>(group, field, column, n, v => v)
            : t == typeof(float) ? ReadNumbers<float>(group, field, column, n, v => v)
            : t == typeof(int) ? ReadNumbers<int>(group, field, column, n, v => v)
            : t == typeof(long) ? ReadNumbers<long>(group, field, column, n, v => v)
            : t == typeof(short) ? ReadNumbers<short>(group, field, column, n, v => v)
            : t == typeof(byte) ? ReadNumbers<byte>(group, field, column, n, v => v)
            : t == typeof(sbyte) ? ReadNumbers<sbyte>(group, field, column, n, v => v)
            : t == typeof(ushort) ? ReadNumbers<ushort>(group, field, column, n, v => v)
            : t == typeof(uint) ? ReadNumbers<uint>(group, field, column, n, v => v)
            : t == typeof(ulong) ? ReadNumbers<ulong>(group, field, column, n, v => v)
            : t == typeof(decimal) ? ReadNumbers<decimal>(group, field, column, n, v => (double)v)
            : t == typeof(bool) ? ReadBooleans(group, field, column, n, path, firstRow)
            : ReadStrings(group, field, column, n, path, firstRow);
    }

    private static async Task ReadNumbers<T>(ParquetRowGroupReader group, DataField field, IColumnSink column, int n, Func<T, double> convert)
        where T : struct
    {
        var values = new T?[n];
        await group.ReadAsync<T>(field, values.AsMemory(), null);
        var categorical = column.Hint == ColumnTypeHint.Categorical;
        foreach (var v in values)
        {
            if (v is not { } x)
            {
                column.AddMissing();
            }
            else if (categorical)
            {
                var d = convert(x);
                if (double.IsFinite(d))
                {
                    column.AddLabel(ColumnBuffer.FormatNumber(d).AsSpan());
                }
                else
                {
                    column.AddMissing();
                }
            }
            else
            {
                column.AddNumber(convert(x));
            }
        }
    }

    private static async Task ReadBooleans(ParquetRowGroupReader group, DataField field, IColumnSink column, int n, string path, long firstRow)
    {
        if (column.Hint == ColumnTypeHint.Numerical)
        {
            throw InputException.At(path, firstRow + 1, column.Name, "a boolean column cannot be declared numerical.");
        }

        var values = new bool?[n];
        await group.ReadAsync<bool>(field, values.AsMemory(), null);
        foreach (var v in values)
        {
            if (v is { } b)
            {
                column.AddLabel(b ? "true" : "false");
            }
            else
            {
                column.AddMissing();
            }
        }
    }

    private static async Task ReadStrings(ParquetRowGroupReader group, DataField field, IColumnSink column, int n, string path, long firstRow)
    {
        var values = new string?[n];
        await group.ReadAsync(field, values.AsMemory(), null);
        for (var i = 0; i < n; i++)
        {
            if (values[i] is { } s)
            {
                CellParser.Add(column, s, path, firstRow + i + 1);
            }
            else
            {
                column.AddMissing();
            }
        }
    }
}
