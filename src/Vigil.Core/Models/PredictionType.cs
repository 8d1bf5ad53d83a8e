namespace Vigil.Core.Models;

/// <summary>What a model predicts, which decides how predictions are validated, profiled and scored.</summary>
public enum PredictionType
{
    /// <summary>Two classes; the second of the schema's classes is the positive one; an optional score is P(positive).</summary>
    Binary,

    /// <summary>More than two classes; optional per-class probabilities.</summary>
    Multiclass,

    /// <summary>A number.</summary>
    Regression,

    /// <summary>Free text (profiled by its length).</summary>
    Text,

    /// <summary>A JSON value (counted, not profiled).</summary>
    Json,
}
