using System.Text.Json;

namespace Vigil.Core.Events;

/// <summary>The top-level fields of a prediction row, found from the property name's UTF-8 bytes.</summary>
internal enum PredictionField
{
    /// <summary>Not a field of a prediction event.</summary>
    Unknown,

    /// <summary><c>id</c>.</summary>
    Id,

    /// <summary><c>timestamp</c>.</summary>
    Timestamp,

    /// <summary><c>version</c>.</summary>
    Version,

    /// <summary><c>variant</c>.</summary>
    Variant,

    /// <summary><c>features</c>.</summary>
    Features,

    /// <summary><c>prediction</c>.</summary>
    Prediction,

    /// <summary><c>score</c>.</summary>
    Score,

    /// <summary><c>probabilities</c>.</summary>
    Probabilities,

    /// <summary><c>latency_ms</c>.</summary>
    LatencyMs,

    /// <summary><c>stages</c>.</summary>
    Stages,

    /// <summary><c>segments</c>.</summary>
    Segments,

    /// <summary><c>error</c>.</summary>
    Error,

    /// <summary><c>metadata</c>.</summary>
    Metadata,
}
