using System.Text.Json;
using Vigil.Storage.Registry;

namespace Vigil.Server.Registry;

/// <summary>Reads a rule's settings with messages that name the setting.</summary>
internal static class RuleSettings
{
    /// <summary>Refuses fields other than kind, to and <paramref name="allowed"/>.</summary>
    public static void OnlyKnown(JsonElement r, params string[] allowed)
    {
        foreach (var p in r.EnumerateObject())
        {
            if (p.Name is not ("kind" or "to") && Array.IndexOf(allowed, p.Name) < 0)
            {
                throw new PolicyException($"unknown setting '{p.Name}' (settings: {string.Join(", ", allowed.Prepend("to"))}).");
            }
        }
    }

    public static string? String(JsonElement r, string name, bool required)
    {
        if (!r.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new PolicyException($"'{name}' is required.") : null;
        }

        return v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : throw new PolicyException($"'{name}' must be a non-empty string.");
    }

    public static double Number(JsonElement r, string name, double fallback, double min, double max)
    {
        if (!r.TryGetProperty(name, out var v))
        {
            return fallback;
        }

        return v.ValueKind == JsonValueKind.Number && v.GetDouble() is var d && d >= min && d <= max
            ? d
            : throw new PolicyException($"'{name}' must be a number from {min} to {max}.");
    }

    public static bool Bool(JsonElement r, string name, bool fallback)
    {
        if (!r.TryGetProperty(name, out var v))
        {
            return fallback;
        }

        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new PolicyException($"'{name}' must be true or false."),
        };
    }

    public static Stage[] StageList(JsonElement r, string name, Stage[] fallback)
    {
        if (!r.TryGetProperty(name, out var v))
        {
            return fallback;
        }

        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() == 0)
        {
            throw new PolicyException($"'{name}' must be a non-empty array of stages (none, staging, production, archived).");
        }

        return [.. v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String && Stages.TryParse(e.GetString(), out var s)
            ? s
            : throw new PolicyException($"'{name}' holds '{e}', which is not a stage (none, staging, production, archived)."))];
    }

    public static Dictionary<string, object?> Values(params (string Name, object? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
}
