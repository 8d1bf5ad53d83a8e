using System.Text;
using System.Text.Json;
using Vigil.Core.Models;

namespace Vigil.Core.Events;

/// <summary>
/// The values the fast path reads: each method returns the position after the value, or -1 (false) to leave the
/// row to the reader; the rules are those of <see cref="PredictionParser"/>'s reader methods, value by value.
/// </summary>
public sealed partial class PredictionParser
{
    /// <summary>The features object at <paramref name="p"/>, read into <paramref name="features"/> (see <see cref="ReadFeatures"/>).</summary>
    private int PlainFeatures(ReadOnlySpan<byte> s, int p, FeatureValue[] features)
    {
        if ((uint)p >= (uint)s.Length || s[p] != (byte)'{' || (uint)(p = JsonScanner.Whitespace(s, p + 1)) >= (uint)s.Length)
        {
            return -1;
        }

        if (s[p] == (byte)'}')
        {
            return p + 1;
        }

        var previous = features.Length;
        var more = true;
        while (more)
        {
            p = JsonScanner.PlainName(s, p, out var start, out var length);
            if (p < 0)
            {
                return -1;
            }

            var name = s.Slice(start, length);
            var f = _successor[previous];
            if (f < 0 || _featureUtf8[f] is not { } expected || !name.SequenceEqual(expected))
            {
                f = FindFeature(name);
                if (f < 0)
                {
                    return -1;
                }

                _successor[previous] = f;
            }

            previous = f;
            p = JsonScanner.After(s, PlainFeature(s, p, f, out features[f]), (byte)'}', out more);
            if (p < 0)
            {
                return -1;
            }
        }

        return p;
    }

    /// <summary>A feature's index by its name's UTF-8 bytes (well-formed: the scanner checked), as the reader path finds it; or -1.</summary>
    private int FindFeature(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > NameBuffer)
        {
            return -1;
        }

        Span<char> name = stackalloc char[NameBuffer];
        var length = Encoding.UTF8.GetChars(utf8, name);
        return _features.TryGetValue(name[..length], out var f) ? f : -1;
    }

    /// <summary>Feature <paramref name="feature"/>'s value at <paramref name="p"/> (see <see cref="ReadFeature"/>).</summary>
    private int PlainFeature(ReadOnlySpan<byte> s, int p, int feature, out FeatureValue value)
    {
        value = FeatureValue.Missing;
        var end = JsonScanner.Token(s, p, out var kind, out var start, out var length, out var escaped);
        if (end < 0 || kind == JsonTokenType.Null)
        {
            return end;
        }

        switch (_featureTypes[feature])
        {
            case FeatureType.Numerical:
                if (!Number(s, kind, p, end, out var number))
                {
                    return -1;
                }

                value = FeatureValue.Of(number);
                return end;
            case FeatureType.Boolean:
                if (kind is not (JsonTokenType.True or JsonTokenType.False))
                {
                    return -1;
                }

                value = FeatureValue.Of(kind == JsonTokenType.True ? "true" : "false");
                return end;
            case FeatureType.Text:
                if (kind != JsonTokenType.String || escaped)
                {
                    return -1;
                }

                value = FeatureValue.Of(Encoding.UTF8.GetCharCount(s.Slice(start, length)));
                return end;
            default:
                if (!Category(s, kind, start, length, escaped, feature, out var category))
                {
                    return -1;
                }

                value = FeatureValue.Of(category);
                return end;
        }
    }

    /// <summary>A number token from <paramref name="at"/> to <paramref name="end"/> (see <see cref="JsonFields.TryNumber"/>).</summary>
    private static bool Number(ReadOnlySpan<byte> s, JsonTokenType kind, int at, int end, out double value)
    {
        value = double.NaN;
        if (kind != JsonTokenType.Number)
        {
            return false;
        }

        if (JsonFields.TryShortDecimal(s[at..end], out value))
        {
            return true;
        }

        var token = new Utf8JsonReader(s[at..end]);
        return token.Read() && JsonFields.TryNumber(ref token, out value, out _);
    }

    /// <summary>A category: a plain string, a number or a boolean (see <see cref="JsonFields.TryCategory(ref Utf8JsonReader, Utf8StringCache, int, out string, out string?)"/>).</summary>
    private bool Category(ReadOnlySpan<byte> s, JsonTokenType kind, int start, int length, bool escaped, int group, out string value)
    {
        switch (kind)
        {
            case JsonTokenType.String when !escaped:
            case JsonTokenType.Number:
                var utf8 = s.Slice(start, length);
                if (_strings.TryGet(utf8, out var cached))
                {
                    value = cached;
                    return true;
                }

                value = Encoding.UTF8.GetString(utf8);
                if (value.Length > JsonFields.MaxTextLength)
                {
                    return false;
                }

                _strings.Add(group, utf8, value);
                return true;
            case JsonTokenType.True:
                value = "true";
                return true;
            case JsonTokenType.False:
                value = "false";
                return true;
            default:
                value = string.Empty;
                return false;
        }
    }

    /// <summary>A name (plain UTF-8) as a string, from the cache when it was met before (see <see cref="PropertyName"/>).</summary>
    private string Cached(ReadOnlySpan<byte> utf8, int group)
    {
        if (!_strings.TryGet(utf8, out var text))
        {
            text = Encoding.UTF8.GetString(utf8);
            _strings.Add(group, utf8, text);
        }

        return text;
    }

    /// <summary>A prediction other than null (see <see cref="ReadPrediction"/>): classes and numbers; other models use the reader.</summary>
    private bool PlainPrediction(ReadOnlySpan<byte> s, JsonTokenType kind, int start, int length, bool escaped, int at, int end, out string? label, out double value)
    {
        label = null;
        value = double.NaN;
        switch (_schema.PredictionType)
        {
            case PredictionType.Regression:
                return Number(s, kind, at, end, out value);
            case PredictionType.Binary or PredictionType.Multiclass:
                if (!Category(s, kind, start, length, escaped, LabelsGroup, out var category) || !_classes!.Value.TryGetValue(category, out var c))
                {
                    return false;
                }

                label = _schema.Classes![c];
                return true;
            default:
                return false;
        }
    }

    /// <summary>The stages object at <paramref name="p"/>, or null (see <see cref="ReadStages"/>).</summary>
    private int PlainStages(ReadOnlySpan<byte> s, int p, out KeyValuePair<string, double>[]? stages)
    {
        stages = null;
        p = JsonScanner.Token(s, p, out var kind, out _, out _, out _);
        if (p < 0 || kind == JsonTokenType.Null)
        {
            return p;
        }

        if (kind != JsonTokenType.StartObject || (uint)(p = JsonScanner.Whitespace(s, p)) >= (uint)s.Length)
        {
            return -1;
        }

        var buffer = default(InlineBuffer32<KeyValuePair<string, double>>);
        Span<KeyValuePair<string, double>> items = buffer;
        var count = 0;
        var more = s[p] != (byte)'}';
        p = more ? p : p + 1;
        while (more)
        {
            p = JsonScanner.PlainName(s, p, out var start, out var length);
            if (p < 0)
            {
                return -1;
            }

            var key = Cached(s.Slice(start, length), StageNamesGroup);
            var at = p;
            p = JsonScanner.Token(s, p, out kind, out _, out _, out _);
            if (!Names.IsValid(key) || count == MaxStages || p < 0 || !Number(s, kind, at, p, out var ms) || ms < 0)
            {
                return -1;
            }

            items[count++] = new(key, ms);
            p = JsonScanner.After(s, p, (byte)'}', out more);
            if (p < 0)
            {
                return -1;
            }
        }

        stages = items[..count].ToArray();
        return p;
    }

    /// <summary>The segments object at <paramref name="p"/>, or null (see <see cref="ReadSegments"/>).</summary>
    private int PlainSegments(ReadOnlySpan<byte> s, int p, out KeyValuePair<string, string>[]? segments)
    {
        segments = null;
        p = JsonScanner.Token(s, p, out var kind, out _, out _, out _);
        if (p < 0 || kind == JsonTokenType.Null)
        {
            return p;
        }

        if (kind != JsonTokenType.StartObject || (uint)(p = JsonScanner.Whitespace(s, p)) >= (uint)s.Length)
        {
            return -1;
        }

        var buffer = default(InlineBuffer32<KeyValuePair<string, string>>);
        Span<KeyValuePair<string, string>> items = buffer;
        var count = 0;
        var more = s[p] != (byte)'}';
        p = more ? p : p + 1;
        while (more)
        {
            p = JsonScanner.PlainName(s, p, out var start, out var length);
            if (p < 0)
            {
                return -1;
            }

            var key = Cached(s.Slice(start, length), SegmentNamesGroup);
            if (!Names.IsValid(key) || count == MaxSegments)
            {
                return -1;
            }

            p = JsonScanner.Token(s, p, out kind, out start, out length, out var escaped);
            if (p < 0)
            {
                return -1;
            }

            if (kind != JsonTokenType.Null)
            {
                if (!Category(s, kind, start, length, escaped, SegmentValuesGroup, out var value) || value.Length is 0 or > MaxSegmentValue)
                {
                    return -1;
                }

                items[count++] = new(key, value);
            }

            p = JsonScanner.After(s, p, (byte)'}', out more);
            if (p < 0)
            {
                return -1;
            }
        }

        segments = _segmentSets.Get(items[..count]);
        return p;
    }
}
