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

        if (value.Length == 0)
        {
            reason = "must not be empty.";
            return false;
        }

        if (value.Length > maxLength)
        {
            reason = $"is {value.Length} characters long; at most {maxLength} are allowed.";
            return false;
        }

        return true;
    }

    public static bool TryNumber(ref Utf8JsonReader reader, out double value, out string? reason)
    {
        reason = null;
        value = double.NaN;
        if (reader.TokenType == JsonTokenType.Number)
        {
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
