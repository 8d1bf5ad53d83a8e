using System.Text;
using System.Text.Json;

namespace Vigil.Server.Registry;

/// <summary>Checks a golden set file: JSON Lines of <c>{id, input, expected, tags}</c> with unique ids.</summary>
internal static class GoldenSetCheck
{
    public static async Task<(long Items, string? Error)> CountAsync(Stream content, string name, CancellationToken ct)
    {
        using var reader = new StreamReader(content, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        long line = 0;
        try
        {
            while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } text)
            {
                line++;
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                using var doc = JsonDocument.Parse(text);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return (0, $"golden set '{name}' line {line}: each line must be a JSON object {{id, input, expected, tags}}.");
                }

                if (!root.TryGetProperty("id", out var id) || id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
                {
                    return (0, $"golden set '{name}' line {line}: field 'id' is missing or not a string or number.");
                }

                if (!ids.Add(id.ToString()))
                {
                    return (0, $"golden set '{name}' line {line}: id '{id}' appears twice.");
                }

                if (!root.TryGetProperty("expected", out _))
                {
                    return (0, $"golden set '{name}' line {line}: field 'expected' is missing.");
                }

                if (root.TryGetProperty("tags", out var tags) && tags.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object or JsonValueKind.Null))
                {
                    return (0, $"golden set '{name}' line {line}: field 'tags' must be an array of strings or an object.");
                }
            }
        }
        catch (JsonException ex)
        {
            return (0, $"golden set '{name}' line {line}: not valid JSON ({ex.Message}).");
        }
        catch (DecoderFallbackException)
        {
            return (0, $"golden set '{name}' line {line}: not valid UTF-8.");
        }

        return ids.Count == 0 ? (0, $"golden set '{name}' has no items.") : (ids.Count, null);
    }
}
