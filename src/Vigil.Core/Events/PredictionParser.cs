using System.Text.Json;
using Vigil.Core.Models;

namespace Vigil.Core.Events;

/// <summary>Validates prediction rows against a model's schema.</summary>
/// <remarks>
/// A row is an object with <c>id</c>, <c>timestamp</c> (ISO 8601 or Unix ms), <c>version</c>, optional <c>variant</c>
/// (default "primary"), <c>features{}</c>, <c>prediction</c>, optional <c>score</c>, <c>probabilities{}</c>,
/// <c>latency_ms</c>, <c>stages{}</c>, <c>segments{}</c>, <c>error</c> and <c>metadata</c> (kept, not read). Unknown
/// fields and features not in the schema are refused, so a misspelt name is caught rather than silently dropped.
/// </remarks>
public sealed class PredictionParser
{
    /// <summary>Most stages per event.</summary>
    public const int MaxStages = 32;

    /// <summary>Most segment tags per event.</summary>
    public const int MaxSegments = 16;

    /// <summary>Longest segment value.</summary>
    public const int MaxSegmentValue = 200;

    private static readonly TimeSpan FutureSkew = TimeSpan.FromDays(1);
    private readonly ModelSchema _schema;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _features;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>? _classes;
    private readonly bool _stored;

    /// <summary>Creates a parser for <paramref name="schema"/>.</summary>
    /// <param name="schema">The model's schema.</param>
    /// <param name="time">The clock (timestamps more than a day ahead are refused).</param>
    /// <param name="stored">
    /// Re-reading stored events (rebuilds, joins): features the schema no longer has are skipped and the clock is
    /// not checked, since the event was valid when it was accepted.
    /// </param>
    public PredictionParser(ModelSchema schema, TimeProvider time, bool stored = false)
    {
        _stored = stored;
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(time);
        _schema = schema;
        _time = time;
        var features = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < schema.Features.Count; i++)
        {
            features[schema.Features[i].Name] = i;
        }

        _features = features.GetAlternateLookup<ReadOnlySpan<char>>();
        if (schema.Classes is { } classes)
        {
            var map = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < classes.Count; i++)
            {
                map[classes[i]] = i;
            }

            _classes = map.GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }

    /// <summary>Parses row <paramref name="index"/>; returns the event, or null with the reason.</summary>
    public PredictionEvent? Parse(ReadOnlyMemory<byte> row, int index, out RowError? error)
    {
        error = null;
        try
        {
            return ParseCore(row, index, ref error);
        }
        catch (JsonException ex)
        {
            error = new RowError(index, string.Empty, $"not valid JSON: {ex.Message}");
            return null;
        }
    }

    private PredictionEvent? ParseCore(ReadOnlyMemory<byte> row, int index, ref RowError? error)
    {
        var reader = new Utf8JsonReader(row.Span, new JsonReaderOptions { MaxDepth = 32 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            error = new RowError(index, string.Empty, $"a row must be a JSON object, got {JsonFields.Describe(reader.TokenType)}.");
            return null;
        }

        string? id = null, version = null, variant = null, label = null, failure = null;
        DateTimeOffset? timestamp = null;
        double value = double.NaN, score = double.NaN, latency = double.NaN;
        double[]? probabilities = null;
        var features = new FeatureValue[_schema.Features.Count];
        Array.Fill(features, FeatureValue.Missing);
        List<KeyValuePair<string, double>>? stages = null;
        List<KeyValuePair<string, string>>? segments = null;
        var sawPrediction = false;
        Span<char> name = stackalloc char[256];
        string? reason;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                if (!JsonFields.TryString(ref reader, JsonFields.MaxIdLength, out var s, out reason))
                {
                    return Fail(index, "id", reason!, out error);
                }

                id = s;
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                if (!JsonFields.TryTimestamp(ref reader, out var t, out reason))
                {
                    return Fail(index, "timestamp", reason!, out error);
                }

                if (!_stored && t > _time.GetUtcNow() + FutureSkew)
                {
                    return Fail(index, "timestamp", $"{t:O} is more than a day in the future.", out error);
                }

                timestamp = t;
            }
            else if (reader.ValueTextEquals("version"u8) || reader.ValueTextEquals("variant"u8))
            {
                var field = reader.ValueTextEquals("version"u8) ? "version" : "variant";
                reader.Read();
                if (!JsonFields.TryString(ref reader, Names.MaxLength, out var s, out reason))
                {
                    return Fail(index, field, reason!, out error);
                }

                if (!Names.IsValid(s))
                {
                    return Fail(index, field, $"\"{JsonFields.Clip(s)}\" may hold only letters, digits, '.', '_' and '-'.", out error);
                }

                if (field == "version")
                {
                    version = s;
                }
                else
                {
                    variant = s;
                }
            }
            else if (reader.ValueTextEquals("features"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return Fail(index, "features", $"expected an object, got {JsonFields.Describe(reader.TokenType)}.", out error);
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var length = reader.HasValueSequence || reader.ValueSpan.Length > name.Length ? -1 : reader.CopyString(name);
                    if (length < 0 || !_features.TryGetValue(name[..length], out var f))
                    {
                        if (_stored)
                        {
                            reader.Read();
                            reader.Skip();
                            continue;
                        }

                        var unknown = reader.GetString()!;
                        return Fail(index, $"features.{JsonFields.Clip(unknown)}", "is not a feature of the model's schema.", out error);
                    }

                    reader.Read();
                    if (!ReadFeature(ref reader, _schema.Features[f], out features[f], out reason))
                    {
                        return Fail(index, $"features.{_schema.Features[f].Name}", reason!, out error);
                    }
                }
            }
            else if (reader.ValueTextEquals("prediction"u8))
            {
                reader.Read();
                sawPrediction = reader.TokenType != JsonTokenType.Null;
                if (sawPrediction && !ReadPrediction(ref reader, row, out label, out value, out reason))
                {
                    return Fail(index, "prediction", reason!, out error);
                }
            }
            else if (reader.ValueTextEquals("score"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                if (!JsonFields.TryNumber(ref reader, out score, out reason) || score is < 0 or > 1)
                {
                    return Fail(index, "score", reason ?? $"{score} is outside [0, 1].", out error);
                }

                if (_schema.PredictionType != PredictionType.Binary)
                {
                    return Fail(index, "score", "only binary models take a score (P(positive)); use probabilities.", out error);
                }
            }
            else if (reader.ValueTextEquals("probabilities"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                if (!ReadProbabilities(ref reader, name, out probabilities, out var field, out reason))
                {
                    return Fail(index, field, reason!, out error);
                }
            }
            else if (reader.ValueTextEquals("latency_ms"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                if (!JsonFields.TryNumber(ref reader, out latency, out reason) || latency < 0)
                {
                    return Fail(index, "latency_ms", reason ?? $"{latency} is negative.", out error);
                }
            }
            else if (reader.ValueTextEquals("stages"u8))
            {
                reader.Read();
                if (!ReadStages(ref reader, out stages, out var field, out reason))
                {
                    return Fail(index, field, reason!, out error);
                }
            }
            else if (reader.ValueTextEquals("segments"u8))
            {
                reader.Read();
                if (!ReadSegments(ref reader, out segments, out var field, out reason))
                {
                    return Fail(index, field, reason!, out error);
                }
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                if (!JsonFields.TryString(ref reader, 2000, out var s, out reason))
                {
                    return Fail(index, "error", reason!, out error);
                }

                failure = s;
            }
            else if (reader.ValueTextEquals("metadata"u8))
            {
                reader.Read();
                reader.Skip();
            }
            else
            {
                return Fail(index, JsonFields.Clip(reader.GetString()!), "is not a field of a prediction event (id, timestamp, version, variant, features, prediction, score, probabilities, latency_ms, stages, segments, error, metadata).", out error);
            }
        }

        if (id is null)
        {
            return Fail(index, "id", "is required.", out error);
        }

        if (timestamp is null)
        {
            return Fail(index, "timestamp", "is required.", out error);
        }

        if (version is null)
        {
            return Fail(index, "version", "is required.", out error);
        }

        if (!sawPrediction && failure is null)
        {
            return Fail(index, "prediction", "is required (or give error for a failed request).", out error);
        }

        for (var f = 0; f < features.Length; f++)
        {
            if (features[f].IsMissing && !_schema.Features[f].Nullable)
            {
                return Fail(index, $"features.{_schema.Features[f].Name}", "is required by the schema (not nullable).", out error);
            }
        }

        return new PredictionEvent
        {
            Id = id,
            Timestamp = timestamp.Value,
            Version = version,
            Variant = variant ?? "primary",
            Features = features,
            Label = label,
            Value = value,
            Score = score,
            Probabilities = probabilities,
            LatencyMs = latency,
            Stages = (IReadOnlyList<KeyValuePair<string, double>>?)stages ?? [],
            Segments = (IReadOnlyList<KeyValuePair<string, string>>?)segments ?? [],
            Error = failure,
            Raw = row,
        };
    }

    private static bool ReadFeature(ref Utf8JsonReader reader, FeatureSpec spec, out FeatureValue value, out string? reason)
    {
        reason = null;
        value = FeatureValue.Missing;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        switch (spec.Type)
        {
            case FeatureType.Numerical:
                if (!JsonFields.TryNumber(ref reader, out var number, out reason))
                {
                    return false;
                }

                value = FeatureValue.Of(number);
                return true;
            case FeatureType.Boolean:
                if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
                {
                    value = FeatureValue.Of(reader.TokenType == JsonTokenType.True ? "true" : "false");
                    return true;
                }

                if (reader.TokenType == JsonTokenType.String && (reader.ValueTextEquals("true"u8) || reader.ValueTextEquals("false"u8)))
                {
                    value = FeatureValue.Of(reader.ValueTextEquals("true"u8) ? "true" : "false");
                    return true;
                }

                reason = $"expected true or false, got {JsonFields.Describe(reader.TokenType)}.";
                return false;
            case FeatureType.Text:
                if (reader.TokenType != JsonTokenType.String)
                {
                    reason = $"expected a string, got {JsonFields.Describe(reader.TokenType)}.";
                    return false;
                }

                value = FeatureValue.Of(reader.GetString()!.Length);
                return true;
            default:
                if (!JsonFields.TryCategory(ref reader, out var category, out reason))
                {
                    return false;
                }

                value = FeatureValue.Of(category);
                return true;
        }
    }

    private bool ReadPrediction(ref Utf8JsonReader reader, ReadOnlyMemory<byte> row, out string? label, out double value, out string? reason)
    {
        label = null;
        value = double.NaN;
        reason = null;
        switch (_schema.PredictionType)
        {
            case PredictionType.Regression:
                return JsonFields.TryNumber(ref reader, out value, out reason);
            case PredictionType.Text:
                if (reader.TokenType != JsonTokenType.String)
                {
                    reason = $"a text model's prediction is a string, got {JsonFields.Describe(reader.TokenType)}.";
                    return false;
                }

                label = reader.GetString();
                value = label!.Length;
                return true;
            case PredictionType.Json:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                label = System.Text.Encoding.UTF8.GetString(row.Span[start..(int)reader.BytesConsumed]);
                return true;
            default:
                if (!JsonFields.TryCategory(ref reader, out var category, out reason))
                {
                    return false;
                }

                if (!_classes!.Value.TryGetValue(category, out var classIndex))
                {
                    reason = $"\"{JsonFields.Clip(category)}\" is not one of the model's classes ({string.Join(", ", _schema.Classes!.Take(10))}).";
                    return false;
                }

                label = _schema.Classes![classIndex];
                return true;
        }
    }

    private bool ReadProbabilities(ref Utf8JsonReader reader, scoped Span<char> name, out double[]? probabilities, out string field, out string? reason)
    {
        probabilities = null;
        field = "probabilities";
        reason = null;
        if (!_schema.IsClassification)
        {
            reason = "only classification models take probabilities.";
            return false;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reason = $"expected an object of class: probability, got {JsonFields.Describe(reader.TokenType)}.";
            return false;
        }

        probabilities = new double[_schema.Classes!.Count];
        Array.Fill(probabilities, double.NaN);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var length = reader.ValueSpan.Length > name.Length ? -1 : reader.CopyString(name);
            var key = length < 0 ? reader.GetString()! : new string(name[..length]);
            field = $"probabilities.{JsonFields.Clip(key)}";
            if (!_classes!.Value.TryGetValue(key, out var c))
            {
                reason = "is not one of the model's classes.";
                return false;
            }

            reader.Read();
            if (!JsonFields.TryNumber(ref reader, out var p, out reason))
            {
                return false;
            }

            if (p is < 0 or > 1)
            {
                reason = $"{p} is outside [0, 1].";
                return false;
            }

            probabilities[c] = p;
        }

        return true;
    }

    private static bool ReadStages(ref Utf8JsonReader reader, out List<KeyValuePair<string, double>>? stages, out string field, out string? reason)
    {
        stages = null;
        field = "stages";
        reason = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reason = $"expected an object of stage: milliseconds, got {JsonFields.Describe(reader.TokenType)}.";
            return false;
        }

        stages = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            field = $"stages.{JsonFields.Clip(key)}";
            if (!Names.IsValid(key))
            {
                reason = "a stage name may hold only letters, digits, '.', '_' and '-' (at most 100).";
                return false;
            }

            if (stages.Count == MaxStages)
            {
                reason = $"at most {MaxStages} stages per event.";
                return false;
            }

            reader.Read();
            if (!JsonFields.TryNumber(ref reader, out var ms, out reason) || ms < 0)
            {
                reason ??= $"{ms} is negative.";
                return false;
            }

            stages.Add(new(key, ms));
        }

        return true;
    }

    private static bool ReadSegments(ref Utf8JsonReader reader, out List<KeyValuePair<string, string>>? segments, out string field, out string? reason)
    {
        segments = null;
        field = "segments";
        reason = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reason = $"expected an object of name: value, got {JsonFields.Describe(reader.TokenType)}.";
            return false;
        }

        segments = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            field = $"segments.{JsonFields.Clip(key)}";
            if (!Names.IsValid(key))
            {
                reason = "a segment name may hold only letters, digits, '.', '_' and '-' (at most 100).";
                return false;
            }

            if (segments.Count == MaxSegments)
            {
                reason = $"at most {MaxSegments} segments per event.";
                return false;
            }

            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            if (!JsonFields.TryCategory(ref reader, out var value, out reason))
            {
                return false;
            }

            if (value.Length is 0 or > MaxSegmentValue)
            {
                reason = $"a segment value has 1 to {MaxSegmentValue} characters.";
                return false;
            }

            segments.Add(new(key, value));
        }

        return true;
    }

    private static PredictionEvent? Fail(int index, string field, string reason, out RowError? error)
    {
        error = new RowError(index, field, reason);
        return null;
    }
}
