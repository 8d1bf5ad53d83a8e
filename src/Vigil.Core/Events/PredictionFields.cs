using System.Text.Json;

namespace Vigil.Core.Events;

/// <summary>Finds which <see cref="PredictionField"/> a property name names.</summary>
internal static class PredictionFields
{
    /// <summary>The top-level field the reader's property name names (escaped names unescaped first).</summary>
    public static PredictionField Classify(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return ClassifyEscaped(ref reader);
        }

        return Classify(reader.ValueSpan);
    }

    /// <summary>The top-level field a property name (not escaped) names.</summary>
    public static PredictionField Classify(ReadOnlySpan<byte> name) =>
        name.Length switch
        {
            2 when name.SequenceEqual("id"u8) => PredictionField.Id,
            5 when name.SequenceEqual("score"u8) => PredictionField.Score,
            5 when name.SequenceEqual("error"u8) => PredictionField.Error,
            6 when name.SequenceEqual("stages"u8) => PredictionField.Stages,
            7 when name.SequenceEqual("version"u8) => PredictionField.Version,
            7 when name.SequenceEqual("variant"u8) => PredictionField.Variant,
            8 when name.SequenceEqual("features"u8) => PredictionField.Features,
            8 when name.SequenceEqual("segments"u8) => PredictionField.Segments,
            8 when name.SequenceEqual("metadata"u8) => PredictionField.Metadata,
            9 when name.SequenceEqual("timestamp"u8) => PredictionField.Timestamp,
            10 when name.SequenceEqual("prediction"u8) => PredictionField.Prediction,
            10 when name.SequenceEqual("latency_ms"u8) => PredictionField.LatencyMs,
            13 when name.SequenceEqual("probabilities"u8) => PredictionField.Probabilities,
            _ => PredictionField.Unknown,
        };

    private static PredictionField ClassifyEscaped(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("id"u8) ? PredictionField.Id
        : reader.ValueTextEquals("timestamp"u8) ? PredictionField.Timestamp
        : reader.ValueTextEquals("version"u8) ? PredictionField.Version
        : reader.ValueTextEquals("variant"u8) ? PredictionField.Variant
        : reader.ValueTextEquals("features"u8) ? PredictionField.Features
        : reader.ValueTextEquals("prediction"u8) ? PredictionField.Prediction
        : reader.ValueTextEquals("score"u8) ? PredictionField.Score
        : reader.ValueTextEquals("probabilities"u8) ? PredictionField.Probabilities
        : reader.ValueTextEquals("latency_ms"u8) ? PredictionField.LatencyMs
        : reader.ValueTextEquals("stages"u8) ? PredictionField.Stages
        : reader.ValueTextEquals("segments"u8) ? PredictionField.Segments
        : reader.ValueTextEquals("error"u8) ? PredictionField.Error
        : reader.ValueTextEquals("metadata"u8) ? PredictionField.Metadata
        : PredictionField.Unknown;
}
