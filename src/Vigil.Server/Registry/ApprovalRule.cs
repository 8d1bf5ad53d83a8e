using System.Text.Json;
using Vigil.Storage.Registry;

namespace Vigil.Server.Registry;

/// <summary>
/// <c>{"kind": "approval", "to": "production", "count": 1}</c>: the candidate needs approvals for the target stage
/// from that many distinct admin key holders (approvals are recorded with <c>POST .../approvals</c>, admin scope).
/// </summary>
internal sealed class ApprovalRule(Stage target, int count) : IPromotionRule
{
    public const string KindName = "approval";

    public string Kind => KindName;

    public Stage Target => target;

    public ValueTask<RuleOutcome> CheckAsync(TransitionContext context, CancellationToken cancellationToken)
    {
        var approvers = context.State.Approvals
            .Where(a => a.Version == context.Candidate.Version && a.Target == target)
            .Select(a => a.ApprovedBy)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        var passed = approvers.Length >= count;
        var detail = passed
            ? $"{context.Candidate.Version} is approved for {Stages.Name(target)} by {string.Join(", ", approvers)}."
            : $"{context.Candidate.Version} has {approvers.Length} approval(s) for {Stages.Name(target)}{(approvers.Length > 0 ? $" ({string.Join(", ", approvers)})" : string.Empty)}; the policy requires {count} from admin key holders.";
        return ValueTask.FromResult(new RuleOutcome(Kind, passed, detail, RuleSettings.Values(("required", count), ("actual", approvers.Length), ("approvers", approvers))));
    }

    /// <summary>The kind.</summary>
    internal sealed class Factory : IPromotionRuleKind
    {
        public string Kind => KindName;

        public IPromotionRule Create(JsonElement settings, Stage target)
        {
            RuleSettings.OnlyKnown(settings, "count");
            var count = RuleSettings.Number(settings, "count", 1, 1, 10);
            return count != Math.Floor(count) ? throw new PolicyException("'count' must be a whole number.") : new ApprovalRule(target, (int)count);
        }
    }
}
