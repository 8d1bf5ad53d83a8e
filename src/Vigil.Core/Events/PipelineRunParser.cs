using System.Globalization;
using System.Text.Json;

namespace Vigil.Core.Events;

/// <summary>Validates pipeline-run rows: <c>id</c> (optional), <c>scheduled_at</c>, <c>completed_at</c> (null when not completed), <c>rows</c>, <c>schema_violations</c>.</summary>
public static class PipelineRunParser
{
    /// <summary>Parses row <paramref name="index"/>; returns the run, or null with the reason.</summary>
    public static PipelineRun? Parse(ReadOnlyMemory<byte> row, int index, out RowError? error)
    {
        error = null;
        try
        {
            var reader = new Utf8JsonReader(row.Span, new JsonReaderOptions { MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = new RowError(index, string.Empty, "a row must be a JSON object.");
                return null;
            }

            string? id = null;
            DateTimeOffset? scheduled = null, completed = null;
            long rows = 0, violations = 0;
            string? reason;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.GetString()!;
                reader.Read();
                switch (field)
                {
                    case "id":
                        if (!JsonFields.TryString(ref reader, JsonFields.MaxIdLength, out var s, out reason))
                        {
                            return Fail(index, field, reason!, out error);
                        }

                        id = s;
                        break;
                    case "scheduled_at" or "completed_at":
                        if (reader.TokenType == JsonTokenType.Null && field == "completed_at")
                        {
                            break;
                        }

                        if (!JsonFields.TryTimestamp(ref reader, out var t, out reason))
                        {
                            return Fail(index, field, reason!, out error);
                        }

                        if (field == "scheduled_at")
                        {
                            scheduled = t;
                        }
                        else
                        {
                            completed = t;
                        }

                        break;
                    case "rows" or "schema_violations":
                        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var n) || n < 0)
                        {
                            return Fail(index, field, "expected a whole number >= 0.", out error);
                        }

                        if (field == "rows")
                        {
                            rows = n;
                        }
                        else
                        {
                            violations = n;
                        }

                        break;
                    case "pipeline" or "metadata":
                        reader.Skip();
                        break;
                    default:
                        return Fail(index, JsonFields.Clip(field), "is not a field of a pipeline run (id, scheduled_at, completed_at, rows, schema_violations, metadata).", out error);
                }
            }

            if (scheduled is null)
            {
                return Fail(index, "scheduled_at", "is required.", out error);
            }

            if (violations > rows)
            {
                return Fail(index, "schema_violations", $"{violations} is more than rows ({rows}).", out error);
            }

            id ??= scheduled.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            return new PipelineRun(id, scheduled.Value, completed, rows, violations);
        }
        catch (JsonException ex)
        {
            return Fail(index, string.Empty, $"not valid JSON: {ex.Message}", out error);
        }
    }

    private static PipelineRun? Fail(int index, string field, string reason, out RowError? error)
    {
        error = new RowError(index, field, reason);
        return null;
    }
}
