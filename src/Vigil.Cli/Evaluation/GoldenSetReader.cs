using System.Security.Cryptography;
using System.Text.Json;

namespace Vigil.Cli.Evaluation;

/// <summary>
/// Reads a golden set: JSONL lines <c>{"id", "input", "expected", "tags"}</c> (docs/eval.md). Unknown fields are
/// ignored; <c>human_label</c> is read for the judge. Every problem names the file, line and field.
/// </summary>
internal static class GoldenSetReader
{
    public static GoldenSet Read(string path)
    {
        var bytes = JsonlReader.ReadAllBytes(path, "--dataset");
        var hash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        var items = new List<GoldenItem>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, root) in JsonlReader.Objects(path, bytes))
        {
            var id = JsonlReader.ReadId(path, line, root);
            if (!lines.TryAdd(id, line))
            {
                throw JsonlReader.Error(path, line, "id", $"duplicate id '{id}' (first on line {lines[id]}).");
            }

            if (!root.TryGetProperty("input", out var input))
            {
                throw JsonlReader.Error(path, line, "input", "missing.");
            }

            JsonElement? expected = root.TryGetProperty("expected", out var e) ? e : null;
            items.Add(new GoldenItem(id, input, expected, ReadTags(path, line, root), line)
            {
                HumanLabel = ReadHumanLabel(path, line, root),
            });
        }

        return items.Count == 0
            ? throw new Data.InputException($"--dataset {path}: no items (expected JSON lines {{\"id\", \"input\", \"expected\", \"tags\"}}).")
            : new GoldenSet(path, hash, items);
    }

    private static List<string> ReadTags(string path, int line, JsonElement root)
    {
        var tags = new List<string>();
        if (!root.TryGetProperty("tags", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return tags;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw JsonlReader.Error(path, line, "tags", $"must be an array of strings, got {JsonlReader.Describe(value)}.");
        }

        foreach (var tag in value.EnumerateArray())
        {
            if (tag.ValueKind != JsonValueKind.String || tag.GetString()!.Length == 0)
            {
                throw JsonlReader.Error(path, line, "tags", $"every tag must be a non-empty string, got {JsonlReader.Describe(tag)}.");
            }

            if (!tags.Contains(tag.GetString()!, StringComparer.Ordinal))
            {
                tags.Add(tag.GetString()!);
            }
        }

        return tags;
    }

    private static string? ReadHumanLabel(string path, int line, JsonElement root)
    {
        if (!root.TryGetProperty("human_label", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => Labels.OfNumber(value.GetDouble()),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => throw JsonlReader.Error(path, line, "human_label", $"must be a string, number or boolean, got {JsonlReader.Describe(value)}."),
        };
    }
}
