using System.Text.Json;
using Vigil.Storage.Registry;

namespace Vigil.Server.Registry;

/// <summary>Two evaluation runs compared metric by metric, overall, per tag and per field.</summary>
/// <param name="Base">The base run's id.</param>
/// <param name="Candidate">The candidate run's id.</param>
/// <param name="SameDataset">Whether both ran on the same golden set content (otherwise deltas mix data changes with model changes).</param>
/// <param name="Metrics">Overall metrics.</param>
/// <param name="ByTag">Per tag (error analysis by document type, model version, prompt version).</param>
/// <param name="Fields">Per extraction field.</param>
/// <param name="BasePassed">Whether the base run passed its gates.</param>
/// <param name="CandidatePassed">Whether the candidate passed its gates.</param>
public sealed record EvalRunComparison(
    string Base,
    string Candidate,
    bool SameDataset,
    IReadOnlyList<MetricDelta> Metrics,
    IReadOnlyDictionary<string, IReadOnlyList<MetricDelta>> ByTag,
    IReadOnlyDictionary<string, IReadOnlyList<MetricDelta>> Fields,
    bool BasePassed,
    bool CandidatePassed)
{
    /// <summary>Compares <paramref name="candidate"/> with <paramref name="baseRun"/>.</summary>
    public static EvalRunComparison Of(EvalRunRecord baseRun, EvalRunRecord candidate)
    {
        ArgumentNullException.ThrowIfNull(baseRun);
        ArgumentNullException.ThrowIfNull(candidate);
        using var a = JsonDocument.Parse(baseRun.ResultJson);
        using var b = JsonDocument.Parse(candidate.ResultJson);
        return new EvalRunComparison(
            baseRun.Id,
            candidate.Id,
            baseRun.DatasetSha256 == candidate.DatasetSha256,
            Deltas(Section(a.RootElement, "metrics"), Section(b.RootElement, "metrics")),
            Nested(Section(a.RootElement, "by_tag"), Section(b.RootElement, "by_tag")),
            Nested(Section(a.RootElement, "fields"), Section(b.RootElement, "fields")),
            baseRun.Passed,
            candidate.Passed);
    }

    private static JsonElement? Section(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var s) && s.ValueKind == JsonValueKind.Object ? s : null;

    private static Dictionary<string, IReadOnlyList<MetricDelta>> Nested(JsonElement? a, JsonElement? b)
    {
        var keys = Keys(a).Union(Keys(b)).Order(StringComparer.Ordinal);
        return keys.ToDictionary(
            k => k,
            k => (IReadOnlyList<MetricDelta>)Deltas(a is { } x && x.TryGetProperty(k, out var xa) ? xa : null, b is { } y && y.TryGetProperty(k, out var yb) ? yb : null),
            StringComparer.Ordinal);
    }

    private static List<MetricDelta> Deltas(JsonElement? a, JsonElement? b)
    {
        var list = new List<MetricDelta>();
        foreach (var name in Keys(a).Union(Keys(b)).Order(StringComparer.Ordinal))
        {
            var x = Number(a, name);
            var y = Number(b, name);
            if (x is null && y is null)
            {
                continue;
            }

            double? delta = x is { } p && y is { } q ? q - p : null;
            double? relative = delta is { } d && x is { } baseValue && baseValue != 0 ? d / Math.Abs(baseValue) : null;
            list.Add(new MetricDelta(name, x, y, delta, relative));
        }

        return list;
    }

    private static IEnumerable<string> Keys(JsonElement? e) =>
        e is { ValueKind: JsonValueKind.Object } o ? o.EnumerateObject().Select(p => p.Name) : [];

    private static double? Number(JsonElement? e, string name) =>
        e is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}

/// <summary>One metric in two runs.</summary>
/// <param name="Metric">The metric's name.</param>
/// <param name="Base">Its value in the base run, or null.</param>
/// <param name="Candidate">Its value in the candidate, or null.</param>
/// <param name="Delta">Candidate minus base, or null.</param>
/// <param name="RelativeDelta">Delta over |base|, or null when base is 0 or missing.</param>
public sealed record MetricDelta(string Metric, double? Base, double? Candidate, double? Delta, double? RelativeDelta);
