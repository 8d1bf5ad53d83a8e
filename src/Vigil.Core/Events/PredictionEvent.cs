namespace Vigil.Core.Events;

/// <summary>A validated prediction event.</summary>
public sealed class PredictionEvent
{
    /// <summary>The event id (idempotency key within the model).</summary>
    public required string Id { get; init; }

    /// <summary>When the prediction was made.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The model version.</summary>
    public required string Version { get; init; }

    /// <summary>The variant (primary, shadow, canary, an A/B arm); "primary" when not given.</summary>
    public required string Variant { get; init; }

    /// <summary>Feature values in schema order.</summary>
    public required FeatureValue[] Features { get; init; }

    /// <summary>The predicted class (classification), the text (text) or the JSON text (json); null for regression or none.</summary>
    public string? Label { get; init; }

    /// <summary>The predicted number (regression), or NaN.</summary>
    public double Value { get; init; } = double.NaN;

    /// <summary>P(positive class) for binary models, or NaN.</summary>
    public double Score { get; init; } = double.NaN;

    /// <summary>Per-class probabilities in schema class order, or null.</summary>
    public double[]? Probabilities { get; init; }

    /// <summary>End-to-end latency in milliseconds, or NaN.</summary>
    public double LatencyMs { get; init; } = double.NaN;

    /// <summary>Per-stage latency in milliseconds.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Stages { get; init; } = [];

    /// <summary>Segment tags (name, value); read-only, and events tagged alike may share one instance.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Segments { get; init; } = [];

    /// <summary>An error the service reported for this request, or null.</summary>
    public string? Error { get; init; }

    /// <summary>The event's JSON as received (kept as the raw record).</summary>
    public required ReadOnlyMemory<byte> Raw { get; init; }
}
