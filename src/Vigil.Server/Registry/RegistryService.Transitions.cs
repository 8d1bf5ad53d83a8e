using System.Diagnostics;
using System.Text.Json;
using Vigil.Storage.Registry;

namespace Vigil.Server.Registry;

/// <summary>Stage transitions and rollback.</summary>
public sealed partial class RegistryService
{
    /// <summary>
    /// Moves a version to <paramref name="target"/> when every rule of the model's policy for that stage holds. The
    /// rules are checked on the state read first; the change commits only if, under the registry's write lock, the
    /// candidate and the Production versions are still as checked (otherwise 409: a concurrent change won). Entering
    /// Production beyond the policy's limit archives the oldest Production version, and snapshots the candidate's
    /// evaluation metrics and reference profile as the model's monitoring baseline.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="reference">The version (name, alias, stage or latest).</param>
    /// <param name="target">The stage to enter.</param>
    /// <param name="reason">Why (recorded).</param>
    /// <param name="actor">The API key's name.</param>
    /// <param name="expectedProduction">
    /// Optimistic concurrency: the Production version(s) the caller saw (comma-separated, "none" for none); when
    /// given and different at commit time the transition is refused with 409, so of several concurrent promotions
    /// made against the same state exactly one wins.
    /// </param>
    /// <param name="ct">Cancellation.</param>
    public async Task<RegistryResult<TransitionResult>> TransitionAsync(string model, string reference, Stage target, string? reason, string actor, string? expectedProduction, CancellationToken ct)
    {
        var expected = expectedProduction is null ? null : Canonical(expectedProduction);
        var state = await _registry.GetStateAsync(model, ct).ConfigureAwait(false);
        if (Resolve(state, reference) is not { } candidate)
        {
            return RegistryResult<TransitionResult>.Fail(404, $"model '{model}' has no version, alias or stage '{reference}'.");
        }

        if (candidate.Stage == target)
        {
            return RegistryResult<TransitionResult>.Fail(409, $"{model} {candidate.Version} is already in {Stages.Name(target)}.");
        }

        if (target is Stage.Staging or Stage.Production && candidate.Status != "ready")
        {
            return RegistryResult<TransitionResult>.Fail(409, $"{model} {candidate.Version} has status '{candidate.Status}'; only ready versions enter {Stages.Name(target)}.");
        }

        PromotionPolicy policy;
        try
        {
            policy = PolicyOf(state.Model);
        }
        catch (PolicyException ex)
        {
            return RegistryResult<TransitionResult>.Fail(500, $"the stored policy of '{model}' cannot be read: {ex.Message}");
        }

        var now = _time.GetUtcNow();
        var context = new TransitionContext(state, candidate, target, now, _registry, _monitoring);
        var outcomes = new List<RuleOutcome>();
        foreach (var rule in policy.Rules.Where(r => r.Target == target))
        {
            outcomes.Add(await rule.CheckAsync(context, ct).ConfigureAwait(false));
        }

        if (outcomes.Where(o => !o.Passed).ToArray() is { Length: > 0 } failed)
        {
            return RegistryResult<TransitionResult>.Fail(
                409,
                $"promotion of {model} {candidate.Version} to {Stages.Name(target)} refused by the policy: {string.Join(" ", failed.Select(f => $"[{f.Rule}] {f.Detail}"))}",
                outcomes);
        }

        var baseline = target == Stage.Production
            ? await BaselineAsync(model, candidate.Version, outcomes.Select(o => o.EvalRunId).FirstOrDefault(id => id is not null), now, ct).ConfigureAwait(false)
            : null;
        var checkedProduction = ProductionSet(state);
        if (expected is not null && expected != checkedProduction)
        {
            return RegistryResult<TransitionResult>.Fail(409, $"{model}: expected production {Describe(expected)}, but it is {Describe(checkedProduction)}; nothing was changed.");
        }

        return await _registry.ChangeAsync(model, s =>
        {
            var current = s.Versions.FirstOrDefault(v => v.Version == candidate.Version);
            if (current is null || current.Stage != candidate.Stage || current.StageSince != candidate.StageSince || ProductionSet(s) != checkedProduction)
            {
                return Refuse<TransitionResult>(409, $"{model} changed while the promotion of {candidate.Version} was being checked (now in production: {Describe(ProductionSet(s))}); nothing was changed, check the state and retry.");
            }

            var moved = current with { Stage = target, StageSince = now };
            var versions = new List<RegistryVersion> { moved };
            var audit = new List<AuditDraft> { StageAudit(model, current, target, reason, actor, now) };
            var events = new List<RegistryEvent> { StageEvent(model, current, target, reason, actor, now) };
            var archived = new List<string>();
            if (target == Stage.Production)
            {
                var production = s.Versions.Where(v => v.Stage == Stage.Production).OrderBy(v => v.StageSince).ToList();
                foreach (var old in production.Take(Math.Max(0, production.Count + 1 - policy.MaxProductionVersions)))
                {
                    var why = $"replaced in production by {candidate.Version}";
                    versions.Add(old with { Stage = Stage.Archived, StageSince = now });
                    audit.Add(StageAudit(model, old, Stage.Archived, why, actor, now));
                    events.Add(StageEvent(model, old, Stage.Archived, why, actor, now));
                    archived.Add(old.Version);
                }
            }

            var change = new RegistryChange
            {
                Versions = versions,
                Audit = audit,
                Events = events,
                EnterProduction = target == Stage.Production ? [new ProductionEntry(candidate.Version, now)] : [],
                Baseline = baseline,
            };
            var result = new TransitionResult(model, candidate.Version, Stages.Name(current.Stage), Stages.Name(target), archived, outcomes, now);
            return new RegistryDecision<RegistryResult<TransitionResult>>(RegistryResult<TransitionResult>.Ok(result), change);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves Production back to the version that was in Production before the current one, in one transaction; the
    /// current version is archived. Policy rules do not apply: the version returning has been in Production before.
    /// </summary>
    public async Task<RegistryResult<RollbackResult>> RollbackAsync(string model, string? reason, string actor, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var state = await _registry.GetStateAsync(model, ct).ConfigureAwait(false);
        if (RollbackPair(state) is not var (current, previous))
        {
            return RegistryResult<RollbackResult>.Fail(409, RollbackProblem(model, state));
        }

        var now = _time.GetUtcNow();
        var baseline = await BaselineAsync(model, previous.Version, null, now, ct).ConfigureAwait(false);
        return await _registry.ChangeAsync(model, s =>
        {
            if (RollbackPair(s) is not var (c, p))
            {
                return Refuse<RollbackResult>(409, RollbackProblem(model, s));
            }

            if (c.Version != current.Version || p.Version != previous.Version)
            {
                return Refuse<RollbackResult>(409, $"{model} changed while the rollback was prepared (production is now {c.Version}); nothing was changed, retry.");
            }

            var why = reason ?? "rollback";
            var change = new RegistryChange
            {
                Versions = [c with { Stage = Stage.Archived, StageSince = now }, p with { Stage = Stage.Production, StageSince = now }],
                EnterProduction = [new ProductionEntry(p.Version, now)],
                Baseline = baseline,
                Audit = [new AuditDraft(now, actor, model, p.Version, "rollback", why, Of(new { production = c.Version, previous_stage = Stages.Name(p.Stage) }), Of(new { production = p.Version, archived = c.Version }))],
                Events = [Event("rollback", model, new { from = c.Version, to = p.Version, actor, reason = why, at = now })],
            };
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return new RegistryDecision<RegistryResult<RollbackResult>>(RegistryResult<RollbackResult>.Ok(new RollbackResult(model, c.Version, p.Version, now, elapsed)), change);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>The current Production version (the newest to enter) and the one to return to, or null.</summary>
    private static (RegistryVersion Current, RegistryVersion Previous)? RollbackPair(RegistryState state)
    {
        var current = state.Versions.Where(v => v.Stage == Stage.Production).MaxBy(v => v.StageSince);
        if (current is null)
        {
            return null;
        }

        for (var i = state.ProductionHistory.Count - 1; i >= 0; i--)
        {
            var entry = state.ProductionHistory[i];
            if (entry.Version != current.Version
                && state.Versions.FirstOrDefault(v => v.Version == entry.Version) is { Stage: not Stage.Production, Status: "ready" } previous)
            {
                return (current, previous);
            }
        }

        return null;
    }

    private static string RollbackProblem(string model, RegistryState state) =>
        state.Versions.Any(v => v.Stage == Stage.Production)
            ? $"{model} has no earlier production version to roll back to."
            : state.Model is null ? $"model '{model}' is not registered." : $"{model} has no version in production.";

    private async Task<RegistryBaseline> BaselineAsync(string model, string version, string? evalRunId, DateTimeOffset now, CancellationToken ct)
    {
        var run = evalRunId is not null
            ? await _registry.GetEvalRunAsync(evalRunId, ct).ConfigureAwait(false)
            : (await _registry.ListEvalRunsAsync(new EvalRunQuery(model, version, Limit: 50), ct).ConfigureAwait(false)).FirstOrDefault(r => r.Passed);
        string? metrics = null;
        if (run is not null)
        {
            using var doc = JsonDocument.Parse(run.ResultJson);
            metrics = doc.RootElement.TryGetProperty("metrics", out var m) ? m.GetRawText() : null;
        }

        var reference = await _monitoring.GetReferenceAsync(model, version, ct).ConfigureAwait(false);
        return new RegistryBaseline(model, version, now, run?.Id, metrics, reference);
    }

    private static string ProductionSet(RegistryState state) =>
        string.Join(",", state.Versions.Where(v => v.Stage == Stage.Production).Select(v => v.Version).Order(StringComparer.Ordinal));

    private static string Describe(string set) => set.Length == 0 ? "none" : set;

    private static string Canonical(string list) =>
        string.Join(",", list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(v => v != "none").Order(StringComparer.Ordinal));

    private static AuditDraft StageAudit(string model, RegistryVersion v, Stage target, string? reason, string actor, DateTimeOffset now) =>
        new(now, actor, model, v.Version, "stage_changed", reason, Of(new { stage = Stages.Name(v.Stage) }), Of(new { stage = Stages.Name(target) }));

    private static RegistryEvent StageEvent(string model, RegistryVersion v, Stage target, string? reason, string actor, DateTimeOffset now) =>
        Event("stage_changed", model, new { version = v.Version, from = Stages.Name(v.Stage), to = Stages.Name(target), actor, reason, at = now });
}
