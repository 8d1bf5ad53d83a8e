using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Vigil.Statistics.Evaluation.Extraction;

/// <summary>Turns a field's JSON value into its normalized items.</summary>
/// <remarks>
/// A scalar gives one item, an array the set of its elements' items (order and duplicates ignored: "joined as a set"),
/// null, blank strings, empty arrays and empty objects none. JSON numbers are compared as canonical decimals whatever the
/// field's kind; JSON booleans as "true"/"false"; strings per the field's <see cref="FieldValueKind"/>; objects inside
/// arrays as their canonical JSON (sorted property names) with the text normalization applied.
/// </remarks>
internal static class ValueNormalizer
{
    /// <summary>The normalized items of <paramref name="value"/>, sorted ordinal and distinct.</summary>
    public static NormalizedItem[] Normalize(JsonElement value, FieldNormalization normalization)
    {
        var items = new List<NormalizedItem>();
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in value.EnumerateArray())
            {
                AddScalar(element, normalization, items);
            }
        }
        else
        {
            AddScalar(value, normalization, items);
        }

        items.Sort((x, y) => string.CompareOrdinal(x.Text, y.Text));
        var distinct = new List<NormalizedItem>(items.Count);
        foreach (var item in items)
        {
            if (distinct.Count == 0 || !string.Equals(distinct[^1].Text, item.Text, StringComparison.Ordinal))
            {
                distinct.Add(item);
            }
        }

        return [.. distinct];
    }

    /// <summary>Case and whitespace normalization of text.</summary>
    public static string NormalizeText(string text, bool ignoreCase, bool collapseWhitespace)
    {
        if (collapseWhitespace)
        {
            var builder = new StringBuilder(text.Length);
            var pendingSpace = false;
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = builder.Length > 0;
                    continue;
                }

                if (pendingSpace)
                {
                    builder.Append(' ');
                    pendingSpace = false;
                }

                builder.Append(c);
            }

            text = builder.ToString();
        }

        return ignoreCase ? text.ToLowerInvariant() : text;
    }

    private static void AddScalar(JsonElement value, FieldNormalization normalization, List<NormalizedItem> items)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (!string.IsNullOrWhiteSpace(text))
                {
                    items.Add(FromString(text, normalization));
                }

                break;
            case JsonValueKind.Number:
                items.Add(new NormalizedItem(CanonicalNumber(value), NormalizedItem.ItemKind.Number));
                break;
            case JsonValueKind.True:
            case JsonValueKind.False:
                items.Add(new NormalizedItem(value.ValueKind == JsonValueKind.True ? "true" : "false", NormalizedItem.ItemKind.Boolean));
                break;
            case JsonValueKind.Object when value.EnumerateObject().Any():
            case JsonValueKind.Array when value.GetArrayLength() > 0:
                var json = NormalizeText(CanonicalJson(value), normalization.IgnoreCase, normalization.CollapseWhitespace);
                items.Add(new NormalizedItem(json, NormalizedItem.ItemKind.Text));
                break;
        }
    }

    private static NormalizedItem FromString(string text, FieldNormalization normalization)
    {
        if (normalization.Kind == FieldValueKind.Number && NumberNormalizer.TryParse(text, normalization.DecimalSeparator, out var number))
        {
            return new NormalizedItem(NumberNormalizer.Canonical(number), NormalizedItem.ItemKind.Number);
        }

        if (normalization.Kind == FieldValueKind.Date && DateNormalizer.TryParse(text, normalization.DayFirst, out var date))
        {
            return new NormalizedItem(DateNormalizer.Canonical(date), NormalizedItem.ItemKind.Date);
        }

        return new NormalizedItem(NormalizeText(text, normalization.IgnoreCase, normalization.CollapseWhitespace), NormalizedItem.ItemKind.Text);
    }

    private static string CanonicalNumber(JsonElement value) =>
        value.TryGetDecimal(out var number)
            ? NumberNormalizer.Canonical(number)
            : value.GetDouble().ToString("R", CultureInfo.InvariantCulture);

    private static string CanonicalJson(JsonElement value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteSorted(value, writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteSorted(JsonElement value, Utf8JsonWriter writer)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteSorted(property.Value, writer);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var element in value.EnumerateArray())
                {
                    WriteSorted(element, writer);
                }

                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
