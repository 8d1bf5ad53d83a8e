using System.Text.Json;
using Vigil.Cli.Data;

namespace Vigil.Cli.Evaluation;

/// <summary>Reads JSON Lines files (one JSON object a line; blank lines skipped) with errors naming file, line and field.</summary>
internal static class JsonlReader
{
    /// <summary>The file's bytes; a missing or unreadable file is bad input naming the option it came from.</summary>
    public static byte[] ReadAllBytes(string path, string option)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{option} {path}: not found.");
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{option} {path}: cannot read ({ex.Message}).", ex);
        }
    }

    /// <summary>Each non-blank line parsed as a JSON object, with its 1-based line number.</summary>
    public static List<(int Line, JsonElement Root)> Objects(string path, byte[] bytes)
    {
        var objects = new List<(int Line, JsonElement Root)>();
        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var line = 0;
        while (start <= bytes.Length)
        {
            line++;
            var rest = bytes.AsSpan(start);
            var newline = rest.IndexOf((byte)'\n');
            var length = newline < 0 ? rest.Length : newline;
            var text = rest[..length];
            if (text.Length > 0 && text[^1] == (byte)'\r')
            {
                text = text[..^1];
            }

            if (!IsBlank(text))
            {
                objects.Add((line, ParseObject(path, line, bytes.AsMemory(start, text.Length))));
            }

            if (newline < 0)
            {
                break;
            }

            start += newline + 1;
        }

        return objects;
    }

    /// <summary>Bad input at a line (and field) of a file: <c>FILE, line N, field 'f': reason</c>.</summary>
    public static InputException Error(string path, int line, string? field, string reason)
    {
        var where = $"{path}, line {line}";
        if (field is not null)
        {
            where += $", field '{field}'";
        }

        return new InputException($"{where}: {reason}");
    }

    /// <summary>The item id of a line: a non-empty string or an integer (kept as its text).</summary>
    public static string ReadId(string path, int line, JsonElement root)
    {
        if (!root.TryGetProperty("id", out var id) || id.ValueKind == JsonValueKind.Null)
        {
            throw Error(path, line, "id", "missing.");
        }

        return id.ValueKind switch
        {
            JsonValueKind.String when id.GetString()!.Length > 0 => id.GetString()!,
            JsonValueKind.Number when id.TryGetInt64(out _) => id.GetRawText(),
            _ => throw Error(path, line, "id", $"must be a non-empty string or an integer, got {Describe(id)}."),
        };
    }

    /// <summary>A short description of a JSON value for error messages (its kind and a clipped text).</summary>
    public static string Describe(JsonElement value)
    {
        var text = value.GetRawText();
        if (text.Length > 40)
        {
            text = text[..37] + "...";
        }

        return $"{value.ValueKind.ToString().ToLowerInvariant()} {text}";
    }

    private static JsonElement ParseObject(string path, int line, ReadOnlyMemory<byte> text)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw Error(path, line, null, $"not valid JSON ({ex.Message}).");
        }

        return root.ValueKind == JsonValueKind.Object ? root : throw Error(path, line, null, $"expected a JSON object, got {Describe(root)}.");
    }

    private static bool IsBlank(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }
}
