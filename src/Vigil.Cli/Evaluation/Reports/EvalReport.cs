using Vigil.Cli.Evaluation.Gates;
using Vigil.Cli.Evaluation.Judge;
using Vigil.Cli.Evaluation.Scoring;

namespace Vigil.Cli.Evaluation.Reports;

/// <summary>Everything <c>vigil eval</c> reports (docs/eval.md, "Outputs").</summary>
internal sealed record EvalReport
{
    /// <summary>The task.</summary>
    public required EvalTask Task { get; init; }

    /// <summary>How the task was chosen: "given" or the inference rule that applied.</summary>
    public required string TaskReason { get; init; }

    /// <summary>The golden set's path.</summary>
    public required string DatasetPath { get; init; }

    /// <summary>The golden set's hash (<c>sha256:...</c> of the file bytes).</summary>
    public required string DatasetHash { get; init; }

    /// <summary>Where predictions came from: the predictions file(s) or the endpoint URL.</summary>
    public required string Source { get; init; }

    /// <summary>Every golden item with its prediction, status and verdict.</summary>
    public required IReadOnlyList<EvalItem> Items { get; init; }

    /// <summary>Each item's verdict (null when the task has none), aligned with <see cref="Items"/>.</summary>
    public IReadOnlyList<bool?> Passes { get; init; } = [];

    /// <summary>Prediction ids not in the golden set.</summary>
    public IReadOnlyList<string> ExtraIds { get; init; } = [];

    /// <summary>Overall metrics.</summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>Metrics per tag (ordinal tag order).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> ByTag { get; init; }

    /// <summary>Extraction: metrics per field.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Fields { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, double>>();

    /// <summary>Classification: the confusion matrix.</summary>
    public ConfusionTable? Confusion { get; init; }

    /// <summary>Classification: the positive label of a binary task.</summary>
    public string? PositiveLabel { get; init; }

    /// <summary>Endpoint: latency of the calls that answered.</summary>
    public LatencySummary? Latency { get; init; }

    /// <summary>Judge: calls, tokens, cost and latency.</summary>
    public JudgeUsage? Judge { get; init; }

    /// <summary>Gate outcomes in the order given.</summary>
    public IReadOnlyList<GateResult> Gates { get; init; } = [];

    /// <summary>The baseline's path, when relative gates used one.</summary>
    public string? BaselinePath { get; init; }

    /// <summary>Bootstrap resamples (0: none) and seed.</summary>
    public (int Resamples, int Seed) Bootstrap { get; init; }

    /// <summary>Warnings worth a line in every output (e.g. the baseline's dataset hash differs).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Every gate passed (true without gates).</summary>
    public bool Passed => Gates.All(g => g.Passed);

    /// <summary>Golden items.</summary>
    public int Count => Items.Count;

    /// <summary>Items with a prediction.</summary>
    public int Scored => Items.Count(i => i.HasPrediction);

    /// <summary>Items without a prediction row.</summary>
    public int Missing => Items.Count(i => i.Status == ItemStatus.Missing);

    /// <summary>Items whose endpoint calls failed.</summary>
    public int Failed => Items.Count(i => i.Status == ItemStatus.Failed);
}
