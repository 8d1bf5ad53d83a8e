using System.Text;
using System.Text.Json;
using Vigil.Core.Models;

namespace Vigil.Core.Events;

/// <summary>The fast path: a row with nothing unusual, read in one pass over its bytes.</summary>
public sealed partial class PredictionParser
{
    // Deepest nesting inside metadata the fast path reads (the row's reader allows 32 levels in all).
    private const int MetadataDepth = 16;

    /// <summary>
    /// The event of <paramref name="row"/> read straight from its bytes, or null when the row is left to
    /// <see cref="ParseCore"/>: every refusal and every broken row, and the shapes this path does not read (escaped
    /// names and strings other than timestamps, numbers written as strings, probabilities, error, text and json
    /// predictions, boolean and text features written as strings, features the schema does not have).
    /// </summary>
    /// <remarks>
    /// It accepts a row only when <see cref="ParseCore"/> would accept it and give the same event: the scanner passes
    /// only JSON the reader accepts, strings are decoded only when the reader would decode them the same way (plain,
    /// well-formed UTF-8), every value meets the same checks in the same place, and timestamps and numbers longer
    /// than a short decimal are read by a reader over that one token with the same <see cref="JsonFields"/> methods.
    /// </remarks>
    private PredictionEvent? TryParsePlain(ReadOnlyMemory<byte> row)
    {
        var s = row.Span;
        var p = JsonScanner.Whitespace(s, 0);
        if (p >= s.Length || s[p] != (byte)'{')
        {
            return null;
        }

        string? id = null, version = null, variant = null, label = null;
        DateTimeOffset? timestamp = null;
        double value = double.NaN, score = double.NaN, latency = double.NaN;
        var features = new FeatureValue[_featureNames.Length];
        Array.Fill(features, FeatureValue.Missing);
        KeyValuePair<string, double>[]? stages = null;
        KeyValuePair<string, string>[]? segments = null;
        var sawPrediction = false;
        p = JsonScanner.Whitespace(s, p + 1);
        var more = p < s.Length && s[p] != (byte)'}';
        p = more ? p : p + 1;
        while (more)
        {
            p = JsonScanner.PlainName(s, p, out var nameStart, out var nameLength);
            if (p < 0)
            {
                return null;
            }

            var at = p;
            var field = PredictionFields.Classify(s.Slice(nameStart, nameLength));
            switch (field)
            {
                case PredictionField.Id:
                    p = JsonScanner.Token(s, p, out var kind, out var start, out var length, out var escaped);
                    if (p < 0 || escaped || kind is not (JsonTokenType.String or JsonTokenType.Number))
                    {
                        return null;
                    }

                    id = Encoding.UTF8.GetString(s.Slice(start, length));
                    if (id.Length is 0 or > JsonFields.MaxIdLength)
                    {
                        return null;
                    }

                    break;
                case PredictionField.Timestamp:
                    p = JsonScanner.Token(s, p, out kind, out _, out _, out _);
                    if (p < 0 || kind is not (JsonTokenType.String or JsonTokenType.Number))
                    {
                        return null;
                    }

                    var token = new Utf8JsonReader(s[at..p]);
                    if (!token.Read() || !JsonFields.TryTimestamp(ref token, out var t, out _) || (!_stored && t > _time.GetUtcNow() + FutureSkew))
                    {
                        return null;
                    }

                    timestamp = t;
                    break;
                case PredictionField.Version or PredictionField.Variant:
                    p = JsonScanner.Token(s, p, out kind, out start, out length, out escaped);
                    if (p < 0 || escaped || kind is not (JsonTokenType.String or JsonTokenType.Number))
                    {
                        return null;
                    }

                    var name = Cached(s.Slice(start, length), NamesGroup);
                    if (name.Length is 0 or > Names.MaxLength || !Names.IsValid(name))
                    {
                        return null;
                    }

                    if (field == PredictionField.Version)
                    {
                        version = name;
                    }
                    else
                    {
                        variant = name;
                    }

                    break;
                case PredictionField.Features:
                    p = PlainFeatures(s, p, features);
                    break;
                case PredictionField.Prediction:
                    p = JsonScanner.Token(s, p, out kind, out start, out length, out escaped);
                    sawPrediction = kind != JsonTokenType.Null;
                    if (p < 0 || (sawPrediction && !PlainPrediction(s, kind, start, length, escaped, at, p, out label, out value)))
                    {
                        return null;
                    }

                    break;
                case PredictionField.Score:
                    p = JsonScanner.Token(s, p, out kind, out _, out _, out _);
                    if (p < 0 || (kind != JsonTokenType.Null
                        && (_schema.PredictionType != PredictionType.Binary || !Number(s, kind, at, p, out score) || score is < 0 or > 1)))
                    {
                        return null;
                    }

                    break;
                case PredictionField.LatencyMs:
                    p = JsonScanner.Token(s, p, out kind, out _, out _, out _);
                    if (p < 0 || (kind != JsonTokenType.Null && (!Number(s, kind, at, p, out latency) || latency < 0)))
                    {
                        return null;
                    }

                    break;
                case PredictionField.Stages:
                    p = PlainStages(s, p, out stages);
                    break;
                case PredictionField.Segments:
                    p = PlainSegments(s, p, out segments);
                    break;
                case PredictionField.Metadata:
                    p = JsonScanner.SkipValue(s, p, MetadataDepth);
                    break;
                case PredictionField.Probabilities or PredictionField.Error:
                    p = JsonScanner.Token(s, p, out kind, out _, out _, out _);
                    if (kind != JsonTokenType.Null)
                    {
                        return null;
                    }

                    break;
                default:
                    return null;
            }

            p = JsonScanner.After(s, p, (byte)'}', out more);
            if (p < 0)
            {
                return null;
            }
        }

        if (id is null || timestamp is null || version is null || !sawPrediction)
        {
            return null;
        }

        for (var f = 0; f < features.Length; f++)
        {
            if (features[f].IsMissing && !_nullable[f])
            {
                return null;
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
            LatencyMs = latency,
            Stages = (IReadOnlyList<KeyValuePair<string, double>>?)stages ?? [],
            Segments = (IReadOnlyList<KeyValuePair<string, string>>?)segments ?? [],
            Raw = row,
        };
    }
}
