using System.Buffers;
using System.Text.Json;

namespace Vigil.Core.Events;

/// <summary>Splits a request body into rows: a JSON array of objects, or JSON Lines (one object a line).</summary>
public static class JsonBatch
{
    /// <summary>Most rows in one batch.</summary>
    public const int MaxRows = 200_000;

    // Nesting inside a row at which the scanner leaves the body to the reader (which allows 64 with the array).
    private const int ScanDepth = 31;

    /// <summary>
    /// Splits <paramref name="body"/> into row slices. Returns null with <paramref name="error"/> set when the body
    /// as a whole cannot be read (not an array nor lines, broken array, too many rows); a JSON Lines line that is
    /// not valid JSON is still returned as a row, and fails when that row is parsed.
    /// </summary>
    public static List<ReadOnlyMemory<byte>>? Split(ReadOnlyMemory<byte> body, out string? error)
    {
        error = null;
        var span = body.Span;
        var start = 0;
        while (start < span.Length && IsWhiteSpace(span[start]))
        {
            start++;
        }

        if (start < span.Length - 2 && span[start] == 0xEF && span[start + 1] == 0xBB && span[start + 2] == 0xBF)
        {
            start += 3; // UTF-8 byte order mark
        }

        if (start >= span.Length)
        {
            return [];
        }

        if (span[start] == (byte)'[')
        {
            // One pass for the bodies it is sure of; the reader for the rest, and for the exact error.
            return TryScanArray(body, start) ?? SplitArray(body, start, [], out error);
        }

        return SplitLines(body, start, [], out error);
    }

    /// <summary>The rows of the array starting at <paramref name="start"/> (its '['), by the scanner; null when it is unsure.</summary>
    private static List<ReadOnlyMemory<byte>>? TryScanArray(ReadOnlyMemory<byte> body, int start)
    {
        var s = body.Span;
        var buffer = ArrayPool<ReadOnlyMemory<byte>>.Shared.Rent(256);
        var count = 0;
        try
        {
            var p = JsonScanner.Whitespace(s, start + 1);
            if (p < s.Length && s[p] == (byte)']')
            {
                p++;
            }
            else
            {
                while (true)
                {
                    var from = p;
                    p = count == MaxRows ? -1 : JsonScanner.SkipValue(s, p, ScanDepth);
                    if (p < 0)
                    {
                        return null;
                    }

                    if (count == buffer.Length)
                    {
                        var larger = ArrayPool<ReadOnlyMemory<byte>>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, count).CopyTo(larger);
                        ArrayPool<ReadOnlyMemory<byte>>.Shared.Return(buffer, clearArray: true);
                        buffer = larger;
                    }

                    buffer[count++] = body.Slice(from, p - from);
                    p = JsonScanner.Whitespace(s, p);
                    if (p < s.Length && s[p] == (byte)',')
                    {
                        p = JsonScanner.Whitespace(s, p + 1);
                        continue;
                    }

                    if (p < s.Length && s[p] == (byte)']')
                    {
                        p++;
                        break;
                    }

                    return null;
                }
            }

            if (JsonScanner.Whitespace(s, p) != s.Length)
            {
                return null;
            }

            var rows = new List<ReadOnlyMemory<byte>>(count);
            rows.AddRange(buffer.AsSpan(0, count));
            return rows;
        }
        finally
        {
            ArrayPool<ReadOnlyMemory<byte>>.Shared.Return(buffer, clearArray: true);
        }
    }

    private static List<ReadOnlyMemory<byte>>? SplitArray(ReadOnlyMemory<byte> body, int start, List<ReadOnlyMemory<byte>> rows, out string? error)
    {
        error = null;
        var reader = new Utf8JsonReader(body.Span[start..], new JsonReaderOptions { MaxDepth = 64, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            reader.Read(); // [
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    if (reader.Read())
                    {
                        error = "the body has content after the closing ']' of its array.";
                        return null;
                    }

                    return rows;
                }

                var from = (int)reader.TokenStartIndex;
                reader.Skip();
                var to = (int)reader.BytesConsumed;
                if (rows.Count == MaxRows)
                {
                    error = $"the batch has more than {MaxRows} rows; send smaller batches.";
                    return null;
                }

                rows.Add(body.Slice(start + from, to - from));
            }

            error = "the body's JSON array is not closed.";
            return null;
        }
        catch (JsonException ex)
        {
            error = $"the body is not a valid JSON array (after row {rows.Count}, line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}): {ex.Message}";
            return null;
        }
    }

    private static List<ReadOnlyMemory<byte>>? SplitLines(ReadOnlyMemory<byte> body, int start, List<ReadOnlyMemory<byte>> rows, out string? error)
    {
        error = null;
        var span = body.Span;
        var i = start;
        while (i < span.Length)
        {
            var end = span[i..].IndexOf((byte)'\n');
            var lineEnd = end < 0 ? span.Length : i + end;
            var line = span[i..lineEnd];
            var trimmed = line.Trim(" \t\r"u8);
            if (!trimmed.IsEmpty)
            {
                if (rows.Count == MaxRows)
                {
                    error = $"the batch has more than {MaxRows} rows; send smaller batches.";
                    return null;
                }

                var offset = i + line.IndexOf(trimmed[0]);
                rows.Add(body.Slice(offset, trimmed.Length));
            }

            i = lineEnd + 1;
        }

        return rows;
    }

    /// <summary>The top-level <c>timestamp</c> of a row that failed validation, when it is readable (to count the reject in its window).</summary>
    public static bool TryReadTimestamp(ReadOnlyMemory<byte> row, out DateTimeOffset timestamp)
    {
        timestamp = default;
        try
        {
            var reader = new Utf8JsonReader(row.Span, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isTimestamp = reader.ValueTextEquals("timestamp"u8);
                reader.Read();
                if (isTimestamp)
                {
                    return JsonFields.TryTimestamp(ref reader, out timestamp, out _);
                }

                reader.Skip();
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not JSON, or a string that is not Unicode text: the reject counts at its arrival.
        }

        return false;
    }

    private static bool IsWhiteSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
