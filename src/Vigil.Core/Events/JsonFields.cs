using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Vigil.Core.Events;

/// <summary>Reads the scalar shapes events use, with a reason when the value has the wrong shape.</summary>
internal static class JsonFields
{
    public const int MaxIdLength = 200;
    public const int MaxTextLength = 1 << 20;

    private static readonly double[] PowersOf10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    public static bool TryString(ref Utf8JsonReader reader, int maxLength, out string value, out string? reason)
    {
        reason = null;
        value = string.Empty;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                value = reader.GetString()!;
                break;
            case JsonTokenType.Number:
                value = Encoding.UTF8.GetString(reader.ValueSpan);
                break;
            default:
                reason = $"expected a string, got {Describe(reader.TokenType)}.";
                return false;
        }

        return HasLength(value, maxLength, out reason);
    }

    /// <summary>
    /// <see cref="TryString(ref Utf8JsonReader, int, out string, out string?)"/> through <paramref name="cache"/>
    /// (for values events repeat, such as versions): the checks are the same, only the decoding is saved.
    /// </summary>
    public static bool TryString(ref Utf8JsonReader reader, int maxLength, Utf8StringCache cache, int group, out string value, out string? reason)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number) || reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return TryString(ref reader, maxLength, out value, out reason);
        }

        if (!cache.TryGet(reader.ValueSpan, out var cached))
        {
            cached = reader.TokenType == JsonTokenType.String ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan);
            cache.Add(group, reader.ValueSpan, cached);
        }

        value = cached;
        return HasLength(value, maxLength, out reason);
    }

    public static bool TryNumber(ref Utf8JsonReader reader, out double value, out string? reason)
    {
        reason = null;
        value = double.NaN;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!reader.HasValueSequence && TryShortDecimal(reader.ValueSpan, out value))
            {
                return true;
            }

            if (reader.TryGetDouble(out value) && double.IsFinite(value))
            {
                return true;
            }

            reason = "is not a finite number.";
            return false;
        }

        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped
            && Utf8Parser.TryParse(reader.ValueSpan, out value, out var used) && used == reader.ValueSpan.Length && double.IsFinite(value))
        {
            return true;
        }

        reason = reader.TokenType == JsonTokenType.String
            ? $"expected a number, got the string \"{Clip(reader.GetString()!)}\"."
            : $"expected a number, got {Describe(reader.TokenType)}.";
        return false;
    }

    /// <summary>
    /// A JSON number token of at most 15 digits, no exponent (such as -12.3456), read as the exact quotient of two
    /// doubles; false for any other shape, which the caller reads with the full parser.
    /// </summary>
    /// <remarks>
    /// Clinger's fast path (W. D. Clinger, "How to read floating point numbers accurately", PLDI 1990): an integer
    /// below 10^15 &lt; 2^53 and a power of ten up to 10^22 are exact doubles, and IEEE 754 division rounds their
    /// quotient correctly, so the result is the correctly rounded value of the decimal, the same double that
    /// <see cref="Utf8JsonReader.TryGetDouble"/> returns (also for -0). The token's grammar was checked by the reader.
    /// </remarks>
    public static bool TryShortDecimal(ReadOnlySpan<byte> number, out double value)
    {
        value = 0;
        var negative = number.Length > 0 && number[0] == (byte)'-';
        var i = negative ? 1 : 0;
        ulong mantissa = 0;
        var start = i;
        for (; i < number.Length && (uint)(number[i] - '0') <= 9; i++)
        {
            mantissa = (mantissa * 10) + (uint)(number[i] - '0');
        }

        var digits = i - start;
        var fraction = 0;
        if (i < number.Length && number[i] == (byte)'.')
        {
            var from = ++i;
            for (; i < number.Length && (uint)(number[i] - '0') <= 9; i++)
            {
                mantissa = (mantissa * 10) + (uint)(number[i] - '0');
            }

            fraction = i - from;
        }

        // An exponent, or more than 15 digits (the mantissa may have wrapped then, and is not used).
        if (i != number.Length || digits + fraction is 0 or > 15)
        {
            return false;
        }

        value = fraction == 0 ? mantissa : mantissa / PowersOf10[fraction];
        if (negative)
        {
            value = -value;
        }

        return true;
    }

    public static bool TryTimestamp(ref Utf8JsonReader reader, out DateTimeOffset value, out string? reason)
    {
        reason = null;
        value = default;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt64(out var ms) && ms >= 0 && ms <= 253402300799999)
            {
                value = DateTimeOffset.FromUnixTimeMilliseconds(ms);
                return true;
            }

            reason = "a numeric timestamp must be whole Unix milliseconds.";
            return false;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.TryGetDateTimeOffset(out value))
            {
                return true;
            }

            var text = reader.GetString()!;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value))
            {
                return true;
            }

            reason = $"\"{Clip(text)}\" is not an ISO 8601 timestamp.";
            return false;
        }

        reason = $"expected an ISO 8601 string or Unix milliseconds, got {Describe(reader.TokenType)}.";
        return false;
    }

    /// <summary>A category: strings as they are, numbers as written, booleans as "true"/"false".</summary>
    public static bool TryCategory(ref Utf8JsonReader reader, out string value, out string? reason)
    {
        reason = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                value = reader.GetString()!;
                if (value.Length > MaxTextLength)
                {
                    reason = $"is {value.Length} characters long; at most {MaxTextLength} are allowed.";
                    return false;
                }

                return true;
            case JsonTokenType.Number:
                value = Encoding.UTF8.GetString(reader.ValueSpan);
                return true;
            case JsonTokenType.True:
                value = "true";
                return true;
            case JsonTokenType.False:
                value = "false";
                return true;
            default:
                value = string.Empty;
                reason = $"expected a string, number or boolean, got {Describe(reader.TokenType)}.";
                return false;
        }
    }

    /// <summary>
    /// <see cref="TryCategory(ref Utf8JsonReader, out string, out string?)"/> through <paramref name="cache"/>: a
    /// string or number met before is not decoded again; one decoded now is kept under <paramref name="group"/>.
    /// </summary>
    public static bool TryCategory(ref Utf8JsonReader reader, Utf8StringCache cache, int group, out string value, out string? reason)
    {
        var cacheable = reader.TokenType is JsonTokenType.String or JsonTokenType.Number && !reader.ValueIsEscaped && !reader.HasValueSequence;
        if (cacheable && cache.TryGet(reader.ValueSpan, out var cached))
        {
            value = cached;
            reason = null;
            return true;
        }

        if (!TryCategory(ref reader, out value, out reason))
        {
            return false;
        }

        if (cacheable)
        {
            cache.Add(group, reader.ValueSpan, value);
        }

        return true;
    }

    private static bool HasLength(string value, int maxLength, out string? reason)
    {
        reason = value.Length == 0 ? "must not be empty."
            : value.Length > maxLength ? $"is {value.Length} characters long; at most {maxLength} are allowed."
            : null;
        return reason is null;
    }

    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    public static string Clip(string s) => s.Length <= 40 ? s : string.Concat(s.AsSpan(0, 40), "...");
}
