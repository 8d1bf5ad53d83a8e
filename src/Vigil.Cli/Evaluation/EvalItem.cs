using Vigil.Cli.Evaluation.Judge;

namespace Vigil.Cli.Evaluation;

/// <summary>
/// A golden item with what the model answered. Items that are <see cref="ItemStatus.Missing"/> or
/// <see cref="ItemStatus.Failed"/> are left out of the metrics and count as not passing (docs/eval.md).
/// </summary>
/// <param name="Golden">The golden item.</param>
/// <param name="Prediction">The prediction; null unless <see cref="Status"/> is <see cref="ItemStatus.Ok"/>.</param>
/// <param name="Status">Found, missing or failed.</param>
internal sealed record EvalItem(GoldenItem Golden, EvalPrediction? Prediction, ItemStatus Status)
{
    /// <summary>Why the endpoint failed for this item.</summary>
    public string? Error { get; init; }

    /// <summary>Endpoint latency of the last attempt in milliseconds; null for predictions read from a file.</summary>
    public double? LatencyMs { get; init; }

    /// <summary>Endpoint attempts made (1 without retries); 0 for predictions read from a file.</summary>
    public int Attempts { get; init; }

    /// <summary>The second model's prediction in a pairwise judge run.</summary>
    public EvalPrediction? PredictionB { get; init; }

    /// <summary>The judge's verdict (judge task only).</summary>
    public JudgeVerdict? Judge { get; init; }

    /// <summary>The item has a prediction (and, pairwise, a second one) to score.</summary>
    public bool HasPrediction => Status == ItemStatus.Ok && Prediction is not null;
}
