using System.Text.Json;

namespace Vigil.Statistics.Evaluation.Extraction;

/// <summary>Flattens a JSON object into its leaves keyed by dotted path.</summary>
/// <remarks>
/// Nested objects are walked (<c>{"address": {"city": "X"}}</c> gives <c>address.city</c>); null, strings, numbers,
/// booleans, arrays and empty objects are leaves. A property name containing '.' is used as is. A repeated property name
/// keeps its last value, as most JSON readers do.
/// </remarks>
internal static class JsonFlattener
{
    /// <summary>The leaves of <paramref name="root"/>; empty when it is not an object.</summary>
    public static Dictionary<string, JsonElement> Flatten(JsonElement root)
    {
        var leaves = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (root.ValueKind == JsonValueKind.Object)
        {
            Walk(root, prefix: null, leaves);
        }

        return leaves;
    }

    private static void Walk(JsonElement element, string? prefix, Dictionary<string, JsonElement> leaves)
    {
        foreach (var property in element.EnumerateObject())
        {
            var path = prefix is null ? property.Name : string.Concat(prefix, ".", property.Name);
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Object && value.EnumerateObject().Any())
            {
                Walk(value, path, leaves);
            }
            else
            {
                leaves[path] = value;
            }
        }
    }
}
