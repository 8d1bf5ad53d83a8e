using System.Text.Json;

namespace Vigil.Server.Tests.EndToEnd;

/// <summary>
/// Structural comparison of query answers: every property, array element and value, numbers by their exact
/// text (every statistic is order-independent: counts, exact window profiles, and exact sums in DDSketch and
/// PerformanceProfile, so the same rows give the same bits however they were split, merged and compacted).
/// </summary>
internal static class JsonDiff
{
    /// <summary>Up to <paramref name="max"/> differences between two sets of answers (route → JSON), each naming its path.</summary>
    public static List<string> Compare(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual, int max = 20)
    {
        var differences = new List<string>();
        foreach (var (route, json) in expected)
        {
            if (!actual.TryGetValue(route, out var other))
            {
                differences.Add($"{route}: missing");
                continue;
            }

            using var a = JsonDocument.Parse(json);
            using var b = JsonDocument.Parse(other);
            Walk(route, a.RootElement, b.RootElement, differences, max);
        }

        return differences;
    }

    /// <summary>Fails listing the differences, if any.</summary>
    public static void AssertSame(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual, string what)
    {
        var differences = Compare(expected, actual);
        Assert.True(differences.Count == 0, $"{what}: the answers differ:{Environment.NewLine}{string.Join(Environment.NewLine, differences)}");
    }

    private static void Walk(string path, JsonElement a, JsonElement b, List<string> differences, int max)
    {
        if (differences.Count >= max)
        {
            return;
        }

        if (a.ValueKind != b.ValueKind)
        {
            differences.Add($"{path}: {a.ValueKind} {Clip(a)} vs {b.ValueKind} {Clip(b)}");
            return;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var names = a.EnumerateObject().Select(p => p.Name).Union(b.EnumerateObject().Select(p => p.Name)).ToList();
                foreach (var name in names)
                {
                    var inA = a.TryGetProperty(name, out var va);
                    var inB = b.TryGetProperty(name, out var vb);
                    if (inA && inB)
                    {
                        Walk($"{path}.{name}", va, vb, differences, max);
                    }
                    else if (differences.Count < max)
                    {
                        differences.Add($"{path}.{name}: {(inA ? "only in the first" : "only in the second")}");
                    }
                }

                break;
            case JsonValueKind.Array:
                var (la, lb) = (a.GetArrayLength(), b.GetArrayLength());
                if (la != lb)
                {
                    differences.Add($"{path}: {la} elements vs {lb}");
                }

                for (var i = 0; i < Math.Min(la, lb); i++)
                {
                    Walk($"{path}[{i}]", a[i], b[i], differences, max);
                }

                break;
            default:
                if (a.GetRawText() != b.GetRawText())
                {
                    differences.Add($"{path}: {a.GetRawText()} vs {b.GetRawText()}");
                }

                break;
        }
    }

    private static string Clip(JsonElement e)
    {
        var text = e.GetRawText();
        return text.Length <= 80 ? text : text[..80] + "...";
    }
}
