using Vigil.Cli.Evaluation.Gates;
using Vigil.Cli.Evaluation.Http;
using Vigil.Cli.Evaluation.Judge;
using Vigil.Cli.Evaluation.Scoring;

namespace Vigil.Cli.Evaluation;

/// <summary>A parsed <c>vigil eval</c> invocation.</summary>
internal sealed record EvalRequest
{
    /// <summary>The golden set (<c>--dataset</c>).</summary>
    public required string DatasetPath { get; init; }

    /// <summary>Predictions file (<c>--predictions</c>), or null with an endpoint.</summary>
    public string? PredictionsPath { get; init; }

    /// <summary>Second predictions file for a pairwise judge (<c>--predictions-b</c>).</summary>
    public string? PredictionsBPath { get; init; }

    /// <summary>The model endpoint (<c>--endpoint</c>), or null with a predictions file.</summary>
    public EndpointOptions? Endpoint { get; init; }

    /// <summary>The task (<c>--task</c>); null to infer it.</summary>
    public EvalTask? Task { get; init; }

    /// <summary>The judge, when judge options were given.</summary>
    public JudgeOptions? Judge { get; init; }

    /// <summary>Scorer settings.</summary>
    public ScoringOptions Scoring { get; init; } = new();

    /// <summary>Gates (<c>--gate</c>, then <c>--gates FILE</c>).</summary>
    public IReadOnlyList<GateRule> Gates { get; init; } = [];

    /// <summary>The baseline run (<c>--baseline</c>).</summary>
    public string? BaselinePath { get; init; }

    /// <summary>Paired bootstrap resamples (<c>--bootstrap</c>); 0 disables the bootstrap.</summary>
    public int BootstrapResamples { get; init; } = 1000;

    /// <summary>Bootstrap seed (<c>--seed</c>).</summary>
    public int Seed { get; init; } = 1;
}
