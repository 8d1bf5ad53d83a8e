using System.Text;
using System.Text.Json;
using Vigil.Core.Models;

namespace Vigil.Core.Events;

/// <summary>Validates prediction rows against a model's schema.</summary>
/// <remarks>
/// A row is an object with <c>id</c>, <c>timestamp</c> (ISO 8601 or Unix ms), <c>version</c>, optional <c>variant</c>
/// (default "primary"), <c>features{}</c>, <c>prediction</c>, optional <c>score</c>, <c>probabilities{}</c>,
/// <c>latency_ms</c>, <c>stages{}</c>, <c>segments{}</c>, <c>error</c> and <c>metadata</c> (kept, not read). Unknown
/// fields and features not in the schema are refused, so a misspelt name is caught rather than silently dropped.
/// One parser serves concurrent requests: names are matched on their UTF-8 bytes, features are expected in the
/// order the last rows gave them (any order is accepted), and the strings events repeat (categories, names, segment
/// values, versions, labels) come from a bounded cache instead of being decoded for every event.
/// </remarks>
public sealed partial class PredictionParser
{
    /// <summary>Most stages per event.</summary>
    public const int MaxStages = 32;

    /// <summary>Most segment tags per event.</summary>
    public const int MaxSegments = 16;

    /// <summary>Longest segment value.</summary>
    public const int MaxSegmentValue = 200;

    private const int NameBuffer = 256;
    private static readonly TimeSpan FutureSkew = TimeSpan.FromDays(1);
    private readonly ModelSchema _schema;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _features;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>? _classes;
    private readonly bool _stored;
    private readonly string[] _featureNames;
    private readonly FeatureType[] _featureTypes;
    private readonly bool[] _nullable;

    // A feature's name in UTF-8, or null where the byte comparison could differ from the lookup by name: a name
    // that does not survive UTF-8, or longer than the name buffer (such a name is never matched).
    private readonly byte[]?[] _featureUtf8;

    // _successor[f]: the feature expected after feature f (_successor[count]: the first one); -1 for none. Starts as
    // schema order and follows the order rows use. Written without locks: a stale guess costs only the lookup.
    private readonly int[] _successor;
    private readonly Utf8StringCache _strings;
    private readonly SegmentSetCache _segmentSets = new();

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
        var count = schema.Features.Count;
        var features = new Dictionary<string, int>(StringComparer.Ordinal);
        _featureNames = new string[count];
        _featureTypes = new FeatureType[count];
        _nullable = new bool[count];
        _featureUtf8 = new byte[]?[count];
        _successor = new int[count + 1];
        for (var i = 0; i < count; i++)
        {
            var spec = schema.Features[i];
            features[spec.Name] = i;
            _featureNames[i] = spec.Name;
            _featureTypes[i] = spec.Type;
            _nullable[i] = spec.Nullable;
            var utf8 = Encoding.UTF8.GetBytes(spec.Name);
            _featureUtf8[i] = utf8.Length <= NameBuffer && Encoding.UTF8.GetString(utf8) == spec.Name ? utf8 : null;
            _successor[i] = i + 1 < count ? i + 1 : -1;
        }

        _successor[count] = count > 0 ? 0 : -1;
        _features = features.GetAlternateLookup<ReadOnlySpan<char>>();
        _strings = new Utf8StringCache(count + CacheGroups);
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
            if (TryParsePlain(row) is { } plain)
            {
                return plain;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not expected (the fast path reads only what it checked); the reader path decides.
        }

        try
        {
            return ParseCore(row, index, ref error);
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
        var features = new FeatureValue[_featureNames.Length];
        Array.Fill(features, FeatureValue.Missing);
        KeyValuePair<string, double>[]? stages = null;
        KeyValuePair<string, string>[]? segments = null;
        var sawPrediction = false;
        Span<char> name = stackalloc char[NameBuffer];
        string? reason;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = PredictionFields.Classify(ref reader);
            switch (field)
            {
                case PredictionField.Id:
                {
                    reader.Read();
                    if (!JsonFields.TryString(ref reader, JsonFields.MaxIdLength, out var s, out reason))
                    {
                        return Fail(index, "id", reason!, out error);
                    }

                    id = s;
                    break;
                }

                case PredictionField.Timestamp:
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
                    break;
                }

                case PredictionField.Version or PredictionField.Variant:
                {
                    var fieldName = field == PredictionField.Version ? "version" : "variant";
                    reader.Read();
                    if (!JsonFields.TryString(ref reader, Names.MaxLength, _strings, NamesGroup, out var s, out reason))
                    {
                        return Fail(index, fieldName, reason!, out error);
                    }

                    if (!Names.IsValid(s))
                    {
                        return Fail(index, fieldName, $"\"{JsonFields.Clip(s)}\" may hold only letters, digits, '.', '_' and '-'.", out error);
                    }

                    if (field == PredictionField.Version)
                    {
                        version = s;
                    }
                    else
                    {
                        variant = s;
                    }

                    break;
                }

                case PredictionField.Features:
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        return Fail(index, "features", $"expected an object, got {JsonFields.Describe(reader.TokenType)}.", out error);
                    }

                    if (!ReadFeatures(ref reader, features, name, out var featureField, out reason))
                    {
                        return Fail(index, featureField, reason!, out error);
                    }

                    break;
                case PredictionField.Prediction:
                    reader.Read();
                    sawPrediction = reader.TokenType != JsonTokenType.Null;
                    if (sawPrediction && !ReadPrediction(ref reader, row, out label, out value, out reason))
                    {
                        return Fail(index, "prediction", reason!, out error);
                    }

                    break;
                case PredictionField.Score:
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

                    break;
                case PredictionField.Probabilities:
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        continue;
                    }

                    if (!ReadProbabilities(ref reader, name, out probabilities, out var at, out reason))
                    {
                        return Fail(index, at, reason!, out error);
                    }

                    break;
                }

                case PredictionField.LatencyMs:
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        continue;
                    }

                    if (!JsonFields.TryNumber(ref reader, out latency, out reason) || latency < 0)
                    {
                        return Fail(index, "latency_ms", reason ?? $"{latency} is negative.", out error);
                    }

                    break;
                case PredictionField.Stages:
                {
                    reader.Read();
                    if (!ReadStages(ref reader, out stages, out var at, out reason))
                    {
                        return Fail(index, at, reason!, out error);
                    }

                    break;
                }

                case PredictionField.Segments:
                {
                    reader.Read();
                    if (!ReadSegments(ref reader, out segments, out var at, out reason))
                    {
                        return Fail(index, at, reason!, out error);
                    }

                    break;
                }

                case PredictionField.Error:
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
                    break;
                }

                case PredictionField.Metadata:
                    reader.Read();
                    reader.Skip();
                    break;
                default:
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
            if (features[f].IsMissing && !_nullable[f])
            {
                return Fail(index, $"features.{_featureNames[f]}", "is required by the schema (not nullable).", out error);
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

    private static PredictionEvent? Fail(int index, string field, string reason, out RowError? error)
    {
        error = new RowError(index, field, reason);
        return null;
    }
}
