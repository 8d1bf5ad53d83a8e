using System.Text.Json;

namespace Vigil.Cli.Data;

/// <summary>
/// Streams a JSON Lines file (one object per line) into column buffers. Numbers are numerical values,
/// strings go through the same cell rules as CSV (so "12.5" is a number), booleans become the labels
/// <c>true</c>/<c>false</c>, null is missing; nested objects and arrays are rejected. Columns are the
/// union of the keys seen; a key absent from a row is a missing value there.
/// </summary>
internal static class JsonlTableReader
{
    public static TableScan Read(string path, ReadOptions options, ColumnSinkFactory factory)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var text = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
        var columns = new List<IColumnSink>();
        var byName = new Dictionary<string, IColumnSink>(StringComparer.Ordinal);
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        var seenInRow = new HashSet<IColumnSink>(ReferenceEqualityComparer.Instance);
        long line = 0, rows = 0;
        string? content;
        while ((content = text.ReadLine()) is not null)
        {
            line++;
            if (string.IsNullOrWhiteSpace(content))
            {
                continue;
            }

            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(content);
            }
            catch (JsonException ex)
            {
                throw InputException.At(path, line, null, $"malformed JSON: {ex.Message}", ex);
            }

            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw InputException.At(path, line, null, $"each line must be a JSON object, found {doc.RootElement.ValueKind}.");
                }

                seenInRow.Clear();
                foreach (var property in doc.RootElement.EnumerateObject())
                {
                    var name = property.Name;
                    if (!byName.TryGetValue(name, out var column))
                    {
                        if (skipped.Contains(name))
                        {
                            continue;
                        }

                        if (!options.Keeps(name))
                        {
                            skipped.Add(name);
                            continue;
                        }

                        column = factory(name, options.HintFor(name), 1024);
                        for (long r = 0; r < rows; r++)
                        {
                            column.AddMissing(); // absent from the rows before its first appearance
                        }

                        byName[name] = column;
                        columns.Add(column);
                    }

                    if (!seenInRow.Add(column))
                    {
                        throw InputException.At(path, line, name, "the key appears twice in the object.");
                    }

                    AddValue(column, property.Value, path, line);
                }

                foreach (var column in columns)
                {
                    if (!seenInRow.Contains(column))
                    {
                        column.AddMissing();
                    }
                }
            }

            rows++;
        }

        if (rows == 0)
        {
            throw InputException.At(path, null, null, "the file is empty (no JSON objects).");
        }

        return new TableScan(path, columns, rows);
    }

    private static void AddValue(IColumnSink column, JsonElement value, string path, long line)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                column.AddMissing();
                break;
            case JsonValueKind.Number:
                if (column.Hint == ColumnTypeHint.Categorical)
                {
                    column.AddLabel(value.GetRawText());
                }
                else
                {
                    column.AddNumber(value.GetDouble());
                }

                break;
            case JsonValueKind.String:
                CellParser.Add(column, value.GetString()!, path, line);
                break;
            case JsonValueKind.True:
            case JsonValueKind.False:
                if (column.Hint == ColumnTypeHint.Numerical)
                {
                    throw InputException.At(path, line, column.Name, "a boolean is not a number, but the column is declared numerical.");
                }

                column.AddLabel(value.ValueKind == JsonValueKind.True ? "true" : "false");
                break;
            default:
                throw InputException.At(path, line, column.Name, $"nested {value.ValueKind.ToString().ToLowerInvariant()} values are not supported; flatten the field.");
        }
    }
}
