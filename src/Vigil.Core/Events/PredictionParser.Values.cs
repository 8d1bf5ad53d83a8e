using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Vigil.Core.Models;

namespace Vigil.Core.Events;

/// <summary>The values inside a prediction row: features, prediction, probabilities, stages and segments.</summary>
public sealed partial class PredictionParser
{
    // Cache groups after the features' own (group f is feature f).
    private const int CacheGroups = 5;

    private int StageNamesGroup => _featureNames.Length;

    private int SegmentNamesGroup => _featureNames.Length + 1;

    private int SegmentValuesGroup => _featureNames.Length + 2;

    private int NamesGroup => _featureNames.Length + 3;

    private int LabelsGroup => _featureNames.Length + 4;

    /// <summary>Reads the features object's members into <paramref name="features"/>, by name in any order.</summary>
    private bool ReadFeatures(ref Utf8JsonReader reader, FeatureValue[] features, scoped Span<char> name, out string field, out string? reason)
    {
        field = "features";
        reason = null;
        var previous = features.Length;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var f = _successor[previous];
            if (f < 0 || reader.ValueIsEscaped || _featureUtf8[f] is not { } expected || !reader.ValueSpan.SequenceEqual(expected))
            {
                var length = reader.HasValueSequence || reader.ValueSpan.Length > name.Length ? -1 : reader.CopyString(name);
                if (length < 0 || !_features.TryGetValue(name[..length], out f))
                {
                    if (_stored)
                    {
                        reader.Read();
                        reader.Skip();
                        continue;
                    }

                    var unknown = reader.GetString()!;
                    field = $"features.{JsonFields.Clip(unknown)}";
                    reason = "is not a feature of the model's schema.";
                    return false;
                }

                _successor[previous] = f;
            }

            previous = f;
            reader.Read();
            if (!ReadFeature(ref reader, f, out features[f], out reason))
            {
                field = $"features.{_featureNames[f]}";
                return false;
            }
        }

        return true;
    }

    private bool ReadFeature(ref Utf8JsonReader reader, int feature, out FeatureValue value, out string? reason)
    {
        reason = null;
        value = FeatureValue.Missing;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        switch (_featureTypes[feature])
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

                // The length in UTF-16 characters without decoding; escaped or ill-formed text as before.
                value = FeatureValue.Of(!reader.ValueIsEscaped && !reader.HasValueSequence && Utf8.IsValid(reader.ValueSpan)
                    ? Encoding.UTF8.GetCharCount(reader.ValueSpan)
                    : reader.GetString()!.Length);
                return true;
            default:
                if (!JsonFields.TryCategory(ref reader, _strings, feature, out var category, out reason))
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
                label = Encoding.UTF8.GetString(row.Span[start..(int)reader.BytesConsumed]);
                return true;
            default:
                if (!JsonFields.TryCategory(ref reader, _strings, LabelsGroup, out var category, out reason))
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
            ReadOnlySpan<char> key = length < 0 ? reader.GetString()! : name[..length];
            if (!_classes!.Value.TryGetValue(key, out var c))
            {
                field = $"probabilities.{JsonFields.Clip(key.ToString())}";
                reason = "is not one of the model's classes.";
                return false;
            }

            reader.Read();
            if (!JsonFields.TryNumber(ref reader, out var p, out reason) || p is < 0 or > 1)
            {
                field = $"probabilities.{JsonFields.Clip(key.ToString())}";
                reason ??= $"{p} is outside [0, 1].";
                return false;
            }

            probabilities[c] = p;
        }

        return true;
    }

    private bool ReadStages(ref Utf8JsonReader reader, out KeyValuePair<string, double>[]? stages, out string field, out string? reason)
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

        var buffer = default(InlineBuffer32<KeyValuePair<string, double>>);
        Span<KeyValuePair<string, double>> items = buffer;
        var count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = PropertyName(ref reader, StageNamesGroup);
            if (!Names.IsValid(key))
            {
                reason = "a stage name may hold only letters, digits, '.', '_' and '-' (at most 100).";
            }
            else if (count == MaxStages)
            {
                reason = $"at most {MaxStages} stages per event.";
            }
            else
            {
                reader.Read();
                if (!JsonFields.TryNumber(ref reader, out var ms, out reason) || ms < 0)
                {
                    reason ??= $"{ms} is negative.";
                }
                else
                {
                    items[count++] = new(key, ms);
                }
            }

            if (reason is not null)
            {
                field = $"stages.{JsonFields.Clip(key)}";
                return false;
            }

        }

        stages = items[..count].ToArray();
        return true;
    }

    private bool ReadSegments(ref Utf8JsonReader reader, out KeyValuePair<string, string>[]? segments, out string field, out string? reason)
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

        var buffer = default(InlineBuffer32<KeyValuePair<string, string>>);
        Span<KeyValuePair<string, string>> items = buffer;
        var count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = PropertyName(ref reader, SegmentNamesGroup);
            if (!Names.IsValid(key))
            {
                reason = "a segment name may hold only letters, digits, '.', '_' and '-' (at most 100).";
            }
            else if (count == MaxSegments)
            {
                reason = $"at most {MaxSegments} segments per event.";
            }
            else
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                if (JsonFields.TryCategory(ref reader, _strings, SegmentValuesGroup, out var value, out reason))
                {
                    if (value.Length is 0 or > MaxSegmentValue)
                    {
                        reason = $"a segment value has 1 to {MaxSegmentValue} characters.";
                    }
                    else
                    {
                        items[count++] = new(key, value);
                    }
                }
            }

            if (reason is not null)
            {
                field = $"segments.{JsonFields.Clip(key)}";
                return false;
            }
        }

        segments = _segmentSets.Get(items[..count]);
        return true;
    }

    /// <summary>The reader's property name as a string, from the cache when it was met before.</summary>
    private string PropertyName(ref Utf8JsonReader reader, int group)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return reader.GetString()!;
        }

        if (!_strings.TryGet(reader.ValueSpan, out var name))
        {
            name = reader.GetString()!;
            _strings.Add(group, reader.ValueSpan, name);
        }

        return name;
    }
}
