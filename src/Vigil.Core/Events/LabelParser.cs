using System.Text.Json;
using Vigil.Core.Models;

namespace Vigil.Core.Events;

/// <summary>Validates label rows (<c>id</c>, <c>label</c>, optional <c>timestamp</c>) against a model's schema.</summary>
public sealed class LabelParser
{
    private readonly ModelSchema _schema;
    private readonly TimeProvider _time;
    private readonly HashSet<string>? _classes;

    /// <summary>Creates a parser for <paramref name="schema"/>.</summary>
    public LabelParser(ModelSchema schema, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(time);
        _schema = schema;
        _time = time;
        _classes = schema.Classes is { } c ? new HashSet<string>(c, StringComparer.Ordinal) : null;
    }

    /// <summary>Parses row <paramref name="index"/>; returns the label, or null with the reason.</summary>
    public LabelEvent? Parse(ReadOnlyMemory<byte> row, int index, out RowError? error)
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

            string? id = null, label = null;
            var value = double.NaN;
            var sawLabel = false;
            DateTimeOffset? timestamp = null;
            string? reason;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    if (!JsonFields.TryString(ref reader, JsonFields.MaxIdLength, out var s, out reason))
                    {
                        error = new RowError(index, "id", reason!);
                        return null;
                    }

                    id = s;
                }
                else if (reader.ValueTextEquals("label"u8))
                {
                    reader.Read();
                    sawLabel = true;
                    if (!ReadLabel(ref reader, out label, out value, out reason))
                    {
                        error = new RowError(index, "label", reason!);
                        return null;
                    }
                }
                else if (reader.ValueTextEquals("timestamp"u8))
                {
                    reader.Read();
                    if (!JsonFields.TryTimestamp(ref reader, out var t, out reason))
                    {
                        error = new RowError(index, "timestamp", reason!);
                        return null;
                    }

                    timestamp = t;
                }
                else if (reader.ValueTextEquals("metadata"u8))
                {
                    reader.Read();
                    reader.Skip();
                }
                else
                {
                    error = new RowError(index, JsonFields.Clip(reader.GetString()!), "is not a field of a label (id, label, timestamp, metadata).");
                    return null;
                }
            }

            if (id is null)
            {
                error = new RowError(index, "id", "is required.");
                return null;
            }

            if (!sawLabel)
            {
                error = new RowError(index, "label", "is required.");
                return null;
            }

            return new LabelEvent(id, label, value, timestamp ?? _time.GetUtcNow());
        }
        catch (JsonException ex)
        {
            error = new RowError(index, string.Empty, $"not valid JSON: {ex.Message}");
            return null;
        }
        catch (InvalidOperationException ex)
        {
            // A string that is not Unicode text (invalid UTF-8, a lone escaped surrogate): this row only.
            error = new RowError(index, string.Empty, $"not valid text: {ex.Message}");
            return null;
        }
    }

    private bool ReadLabel(ref Utf8JsonReader reader, out string? label, out double value, out string? reason)
    {
        label = null;
        value = double.NaN;
        reason = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            reason = "must not be null.";
            return false;
        }

        if (_schema.PredictionType == PredictionType.Regression)
        {
            return JsonFields.TryNumber(ref reader, out value, out reason);
        }

        if (_schema.PredictionType == PredictionType.Json)
        {
            reader.Skip();
            label = "(json)";
            return true;
        }

        if (!JsonFields.TryCategory(ref reader, out var category, out reason))
        {
            return false;
        }

        if (_classes is not null && !_classes.TryGetValue(category, out category!))
        {
            reason = $"\"{JsonFields.Clip(category ?? string.Empty)}\" is not one of the model's classes.";
            return false;
        }

        label = category;
        return true;
    }
}
