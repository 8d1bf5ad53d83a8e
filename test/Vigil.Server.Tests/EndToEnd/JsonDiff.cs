using System.Text.Json;

namespace Vigil.Server.Tests.EndToEnd;

/// <summary>
/// Structural comparison of query answers: every property, array element and value, numbers by their exact
/// text — except <see cref="FloatingSums"/>, compared to <see cref="SumTolerance"/>.
/// </summary>
internal static class JsonDiff
{
    /// <summary>
    /// Metrics computed from a plain double sum (PerformanceProfile.LogLossSum adds per-row losses with +, and
    /// windows merge those sums with +), so the same rows merged in another order may differ in the last bits.
    /// Every other statistic of the answers is exact (counts, exact window profiles, DDSketch with ExactSum).
    /// </summary>
    public static readonly IReadOnlySet<string> FloatingSums = new HashSet<string>(StringComparer.Ordinal) { "log_loss" };

    /// <summary>
    /// Relative tolerance for <see cref="FloatingSums"/>: a few ulps of a sum of a few hundred terms. One row more
    /// or less in a window of a few hundred changes a mean log loss by about 1e-3, nine orders of magnitude more.
    /// </summary>
    public const double SumTolerance = 1e-12;

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
            case JsonValueKind.Number when FloatingSums.Contains(LastName(path)):
                var (x, y) = (a.GetDouble(), b.GetDouble());
                if (Math.Abs(x - y) > SumTolerance * Math.Max(Math.Abs(x), Math.Abs(y)))
                {
                    differences.Add($"{path}: {a.GetRawText()} vs {b.GetRawText()} (beyond {SumTolerance:0e0} relative)");
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

    private static string LastName(string path) => path[(path.LastIndexOf('.') + 1)..];

    private static string Clip(JsonElement e)
    {
        var text = e.GetRawText();
        return text.Length <= 80 ? text : text[..80] + "...";
    }
}
