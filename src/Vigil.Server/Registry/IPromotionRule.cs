using System.Text.Json;
using Vigil.Storage;
using Vigil.Storage.Registry;

namespace Vigil.Server.Registry;

/// <summary>
/// One rule of a promotion policy, checked before a version enters its target stage. New kinds of rule plug in by
/// registering an <see cref="IPromotionRuleKind"/> in the service collection; the transition code never changes.
/// </summary>
public interface IPromotionRule
{
    /// <summary>The rule's kind (as written in the policy).</summary>
    string Kind { get; }

    /// <summary>The stage the rule guards.</summary>
    Stage Target { get; }

    /// <summary>Checks the rule for a transition.</summary>
    ValueTask<RuleOutcome> CheckAsync(TransitionContext context, CancellationToken cancellationToken);
}

/// <summary>A kind of rule: reads its settings from the policy's JSON.</summary>
public interface IPromotionRuleKind
{
    /// <summary>The kind's name in policies (e.g. <c>eval_run</c>).</summary>
    string Kind { get; }

    /// <summary>Creates the rule from its JSON object; a <see cref="PolicyException"/> names the setting at fault.</summary>
    IPromotionRule Create(JsonElement settings, Stage target);
}

/// <summary>What a rule sees: the model's state, the candidate, the stores and the clock.</summary>
/// <param name="State">The model's registry state.</param>
/// <param name="Candidate">The version to move.</param>
/// <param name="Target">The stage it would enter.</param>
/// <param name="Now">The time of the transition.</param>
/// <param name="Registry">The registry store (evaluation runs, golden sets).</param>
/// <param name="Monitoring">The monitoring store (references, windows).</param>
public sealed record TransitionContext(RegistryState State, RegistryVersion Candidate, Stage Target, DateTimeOffset Now, IRegistryStore Registry, IVigilStore Monitoring);

/// <summary>A rule's verdict, with the values it compared (shown when a transition is refused).</summary>
/// <param name="Rule">The rule's kind.</param>
/// <param name="Passed">Whether it holds.</param>
/// <param name="Detail">Why, in a sentence that names the values.</param>
/// <param name="Values">The values compared (required and actual).</param>
/// <param name="EvalRunId">The evaluation run the rule accepted, if any (its metrics become the baseline).</param>
public sealed record RuleOutcome(string Rule, bool Passed, string Detail, IReadOnlyDictionary<string, object?> Values, string? EvalRunId = null);

/// <summary>A policy that cannot be read; the message names the rule and setting.</summary>
public sealed class PolicyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PolicyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PolicyException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public PolicyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
