using System.Text.Json;
using Vigil.Storage.Registry;

namespace Vigil.Server.Registry;

/// <summary><c>{"kind": "from_stage", "to": "production", "stages": ["staging"]}</c>: the candidate must currently be in one of the stages.</summary>
internal sealed class FromStageRule(Stage target, Stage[] stages) : IPromotionRule
{
    public string Kind => KindName;

    public Stage Target => target;

    public const string KindName = "from_stage";

    public ValueTask<RuleOutcome> CheckAsync(TransitionContext context, CancellationToken cancellationToken)
    {
        var current = context.Candidate.Stage;
        var passed = Array.IndexOf(stages, current) >= 0;
        var allowed = string.Join(" or ", stages.Select(Stages.Name));
        return ValueTask.FromResult(new RuleOutcome(
            Kind,
            passed,
            passed
                ? $"{context.Candidate.Version} is in {Stages.Name(current)}."
                : $"{context.Candidate.Version} is in {Stages.Name(current)}; entering {Stages.Name(target)} requires {allowed}.",
            RuleSettings.Values(("required", stages.Select(Stages.Name).ToArray()), ("actual", Stages.Name(current)))));
    }

    /// <summary>The kind.</summary>
    internal sealed class Factory : IPromotionRuleKind
    {
        public string Kind => KindName;

        public IPromotionRule Create(JsonElement settings, Stage target)
        {
            RuleSettings.OnlyKnown(settings, "stages");
            return new FromStageRule(target, RuleSettings.StageList(settings, "stages", [Stage.Staging]));
        }
    }
}
