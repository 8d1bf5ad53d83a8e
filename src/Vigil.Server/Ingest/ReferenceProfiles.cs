using System.Globalization;
using System.Text.Json;
using Vigil.Core.Events;
using Vigil.Core.Models;
using Vigil.Statistics.Profiles;

namespace Vigil.Server.Ingest;

/// <summary>
/// Reads a reference baseline: a <c>.vprof</c> profile as made by <c>vigil profile</c>, or rows of feature values
/// (a JSON array or JSON Lines; each row flat <c>{feature: value, ..., "prediction": p}</c> or an event with
/// <c>features{}</c>) profiled here with the default profile options.
/// </summary>
internal static class ReferenceProfiles
{
    public static (DatasetProfile? Profile, string? Error) FromBody(ModelSchema schema, ReadOnlyMemory<byte> body, string source, TimeProvider time)
    {
        if (body.Length >= 8 && body.Span[..8].SequenceEqual("VIGILPRF"u8))
        {
            try
            {
                return (ProfileFormat.Read(body.Span), null);
            }
            catch (InvalidDataException ex)
            {
                return (null, $"the .vprof profile is not valid: {ex.Message}");
            }
        }

        var rows = JsonBatch.Split(body, out var error);
        if (rows is null)
        {
            return (null, error);
        }

        if (rows.Count == 0)
        {
            return (null, "the reference is empty: send a .vprof profile or at least one row of features.");
        }

        var columns = new Dictionary<string, ColumnProfile>(StringComparer.Ordinal);
        foreach (var f in schema.Features)
        {
            columns[f.Name] = f.Type is FeatureType.Categorical or FeatureType.Boolean ? ColumnProfile.Categorical(f.Name) : ColumnProfile.Numerical(f.Name);
        }

        ColumnProfile? prediction = null;
        for (var i = 0; i < rows.Count; i++)
        {
            try
            {
                using var doc = JsonDocument.Parse(rows[i]);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return (null, $"row {i}: must be a JSON object.");
                }

                var isEvent = doc.RootElement.TryGetProperty("features", out var nested) && nested.ValueKind == JsonValueKind.Object;
                var features = isEvent ? nested : doc.RootElement;
                var seen = 0;
                foreach (var p in features.EnumerateObject())
                {
                    if (columns.TryGetValue(p.Name, out var column))
                    {
                        seen++;
                        if (Add(column, schema.Features[schema.FeatureIndex(p.Name)].Type, p.Value) is { } reason)
                        {
                            return (null, $"row {i}, field {p.Name}: {reason}");
                        }
                    }
                    else if (isEvent)
                    {
                        return (null, $"row {i}, field features.{p.Name}: is not a feature of the model's schema.");
                    }
                }

                foreach (var (name, column) in columns)
                {
                    if (!features.TryGetProperty(name, out _))
                    {
                        column.AddMissing();
                    }
                }

                if (doc.RootElement.TryGetProperty("prediction", out var pred) && pred.ValueKind != JsonValueKind.Null)
                {
                    prediction ??= schema.IsClassification ? ColumnProfile.Categorical("prediction") : ColumnProfile.Numerical("prediction");
                    if (Add(prediction, schema.IsClassification ? FeatureType.Categorical : FeatureType.Numerical, pred) is { } reason)
                    {
                        return (null, $"row {i}, field prediction: {reason}");
                    }
                }
            }
            catch (JsonException ex)
            {
                return (null, $"row {i}: not valid JSON: {ex.Message}");
            }
        }

        var all = columns.Values.ToList();
        if (prediction is not null)
        {
            all.Add(prediction);
        }

        return (new DatasetProfile(all, rows.Count, source, createdAt: time.GetUtcNow()), null);
    }

    private static string? Add(ColumnProfile column, FeatureType type, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                column.AddMissing();
                return null;
            case JsonValueKind.Number when type is FeatureType.Numerical:
                column.Add(value.GetDouble());
                return null;
            case JsonValueKind.String when type is FeatureType.Numerical:
                if (double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                {
                    column.Add(d);
                    return null;
                }

                return $"expected a number, got \"{value.GetString()}\".";
            case JsonValueKind.String when type is FeatureType.Text:
                column.Add(value.GetString()!.Length);
                return null;
            case JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False when type is FeatureType.Categorical or FeatureType.Boolean:
                column.AddLabel(value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString()!,
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => value.GetRawText(),
                });
                return null;
            default:
                return $"a {type.ToString().ToLowerInvariant()} feature cannot take {value.ValueKind.ToString().ToLowerInvariant()}.";
        }
    }
}
