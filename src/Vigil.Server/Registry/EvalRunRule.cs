using System.Globalization;
using System.Text.Json;
using Vigil.Storage.Registry;

namespace Vigil.Server.Registry;

/// <summary>
/// <c>{"kind": "eval_run", "to": "production", "golden_set": "invoices", "latest_set": true, "max_age_days": 30}</c>:
/// the candidate's newest evaluation run on the named golden set (on its newest registered version when
/// <c>latest_set</c>, the default) must have passed its gates, and be recent enough when <c>max_age_days</c> is set.
/// </summary>
internal sealed class EvalRunRule(Stage target, string goldenSet, bool latestSet, double maxAgeDays) : IPromotionRule
{
    public const string KindName = "eval_run";

    public string Kind => KindName;

    public Stage Target => target;

    public async ValueTask<RuleOutcome> CheckAsync(TransitionContext context, CancellationToken cancellationToken)
    {
        var version = context.Candidate.Version;
        string? sha = null;
        if (latestSet)
        {
            var set = await context.Registry.GetGoldenSetAsync(goldenSet, null, cancellationToken).ConfigureAwait(false);
            if (set is null)
            {
                return Fail($"golden set '{goldenSet}' is not registered (PUT /api/v1/golden-sets/{goldenSet}).", null, null);
            }

            sha = set.Sha256;
        }

        var runs = await context.Registry.ListEvalRunsAsync(new EvalRunQuery(context.Candidate.Model, version, goldenSet, sha, 1), cancellationToken).ConfigureAwait(false);
        var on = sha is null ? $"golden set '{goldenSet}'" : $"golden set '{goldenSet}' ({sha[..12]})";
        if (runs.Count == 0)
        {
            return Fail($"{version} has no evaluation run on {on}.", null, sha);
        }

        var run = runs[0];
        var age = (context.Now - run.CreatedAt).TotalDays;
        if (!run.Passed)
        {
            return Fail($"{version}'s newest evaluation run on {on}, {run.Id} ({run.CreatedAt:O}), failed: {FailedGates(run.ResultJson)}.", run, sha);
        }

        if (maxAgeDays > 0 && age > maxAgeDays)
        {
            return Fail($"{version}'s newest passing evaluation run on {on}, {run.Id}, is {age.ToString("0.#", CultureInfo.InvariantCulture)} days old; the policy accepts {maxAgeDays.ToString(CultureInfo.InvariantCulture)}.", run, sha);
        }

        return new RuleOutcome(Kind, true, $"{version} passed evaluation run {run.Id} on {on}.", Values(run, sha), run.Id);
    }

    private RuleOutcome Fail(string detail, EvalRunRecord? run, string? sha) => new(Kind, false, detail, Values(run, sha));

    private Dictionary<string, object?> Values(EvalRunRecord? run, string? sha) => RuleSettings.Values(
        ("golden_set", goldenSet), ("dataset_sha256", sha), ("run", run?.Id), ("passed", run?.Passed), ("run_at", run?.CreatedAt));

    /// <summary>The failed gates of a <c>vigil eval</c> JSON result, as "metric rule (value)".</summary>
    internal static string FailedGates(string resultJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(resultJson);
            if (!doc.RootElement.TryGetProperty("gates", out var gates) || gates.ValueKind != JsonValueKind.Array)
            {
                return "its result has no gates";
            }

            var failed = gates.EnumerateArray()
                .Where(g => g.TryGetProperty("passed", out var p) && p.ValueKind == JsonValueKind.False)
                .Select(g => $"{Text(g, "metric")} {Text(g, "rule")} (value {Text(g, "value")})")
                .ToArray();
            return failed.Length == 0 ? "it is marked failed" : "gates " + string.Join("; ", failed);
        }
        catch (JsonException)
        {
            return "it is marked failed";
        }
    }

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText() : "?";

    /// <summary>The kind.</summary>
    internal sealed class Factory : IPromotionRuleKind
    {
        public string Kind => KindName;

        public IPromotionRule Create(JsonElement settings, Stage target)
        {
            RuleSettings.OnlyKnown(settings, "golden_set", "latest_set", "max_age_days");
            return new EvalRunRule(
                target,
                RuleSettings.String(settings, "golden_set", required: true)!,
                RuleSettings.Bool(settings, "latest_set", true),
                RuleSettings.Number(settings, "max_age_days", 0, 0, 3650));
        }
    }
}
