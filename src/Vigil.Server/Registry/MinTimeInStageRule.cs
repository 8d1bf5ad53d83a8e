using System.Globalization;
using System.Text.Json;
using Vigil.Storage.Registry;

namespace Vigil.Server.Registry;

/// <summary>
/// <c>{"kind": "min_time_in_stage", "to": "production", "stage": "staging", "hours": 24}</c>: the candidate must have
/// been in the stage (default staging) for at least that long.
/// </summary>
internal sealed class MinTimeInStageRule(Stage target, Stage stage, double hours) : IPromotionRule
{
    public const string KindName = "min_time_in_stage";

    public string Kind => KindName;

    public Stage Target => target;

    public ValueTask<RuleOutcome> CheckAsync(TransitionContext context, CancellationToken cancellationToken)
    {
        var c = context.Candidate;
        var inStage = c.Stage == stage ? (context.Now - c.StageSince).TotalHours : 0;
        var passed = c.Stage == stage && inStage >= hours;
        var detail = c.Stage != stage
            ? $"{c.Version} is in {Stages.Name(c.Stage)}, not {Stages.Name(stage)}; the policy requires {F(hours)} h in {Stages.Name(stage)}."
            : passed
                ? $"{c.Version} has been in {Stages.Name(stage)} for {F(inStage)} h (at least {F(hours)} h)."
                : $"{c.Version} has been in {Stages.Name(stage)} for {F(inStage)} h; the policy requires {F(hours)} h (eligible at {c.StageSince.AddHours(hours):O}).";
        return ValueTask.FromResult(new RuleOutcome(Kind, passed, detail, RuleSettings.Values(("required_hours", hours), ("actual_hours", Math.Round(inStage, 3)), ("stage", Stages.Name(stage)))));
    }

    private static string F(double h) => h.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The kind.</summary>
    internal sealed class Factory : IPromotionRuleKind
    {
        public string Kind => KindName;

        public IPromotionRule Create(JsonElement settings, Stage target)
        {
            RuleSettings.OnlyKnown(settings, "stage", "hours");
            var stage = Stage.Staging;
            if (RuleSettings.String(settings, "stage", required: false) is { } s && !Stages.TryParse(s, out stage))
            {
                throw new PolicyException($"'stage' is '{s}', not a stage (none, staging, production, archived).");
            }

            return new MinTimeInStageRule(target, stage, RuleSettings.Number(settings, "hours", double.NaN, 0, 24 * 365) is var h && double.IsNaN(h)
                ? throw new PolicyException("'hours' is required.")
                : h);
        }
    }
}
