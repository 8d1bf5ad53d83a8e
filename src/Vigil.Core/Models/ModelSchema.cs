namespace Vigil.Core.Models;

/// <summary>A monitored model: what its predictions are, which features it takes, and its window length.</summary>
/// <param name="Name">The model's name (letters, digits, '.', '_', '-'; at most 100 characters).</param>
/// <param name="PredictionType">What the model predicts.</param>
/// <param name="Features">The features, in order.</param>
/// <param name="Classes">For binary (exactly two, the second positive) and multiclass models: the class labels.</param>
/// <param name="WindowMinutes">Length of a profile window in minutes (default 60); fixed once events exist.</param>
/// <param name="Description">Free text.</param>
public sealed record ModelSchema(
    string Name,
    PredictionType PredictionType,
    IReadOnlyList<FeatureSpec> Features,
    IReadOnlyList<string>? Classes = null,
    int WindowMinutes = ModelSchema.DefaultWindowMinutes,
    string? Description = null)
{
    /// <summary>One hour.</summary>
    public const int DefaultWindowMinutes = 60;

    /// <summary>Most features a schema may have.</summary>
    public const int MaxFeatures = 2000;

    /// <summary>Most classes a classification model may have.</summary>
    public const int MaxClasses = 1000;

    /// <summary>The window length.</summary>
    public TimeSpan Window => TimeSpan.FromMinutes(WindowMinutes);

    /// <summary>Whether the model is scored by class (binary or multiclass).</summary>
    public bool IsClassification => PredictionType is PredictionType.Binary or PredictionType.Multiclass;

    /// <summary>Checks names, classes and limits; returns the first problem, naming the field, or null when valid.</summary>
    public string? Validate()
    {
        if (!Names.IsValid(Name))
        {
            return $"model name '{Name}' is not valid: use 1 to {Names.MaxLength} letters, digits, '.', '_' or '-'.";
        }

        if (WindowMinutes is < 1 or > 7 * 24 * 60 || (24 * 60 % WindowMinutes != 0 && WindowMinutes % (24 * 60) != 0))
        {
            return $"window_minutes {WindowMinutes} must divide a day (1, 5, 10, 15, 30, 60, 120, ... 1440) or be whole days up to 7.";
        }

        if (Features.Count > MaxFeatures)
        {
            return $"features: {Features.Count} features, at most {MaxFeatures} are allowed.";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Features.Count; i++)
        {
            var f = Features[i];
            if (string.IsNullOrWhiteSpace(f.Name) || f.Name.Length > 200)
            {
                return $"features[{i}].name must be 1 to 200 characters.";
            }

            if (!seen.Add(f.Name))
            {
                return $"features[{i}].name '{f.Name}' appears twice.";
            }
        }

        if (IsClassification)
        {
            if (Classes is null || Classes.Count < 2)
            {
                return $"classes: a {PredictionType.ToString().ToLowerInvariant()} model needs its class labels.";
            }

            if (PredictionType == PredictionType.Binary && Classes.Count != 2)
            {
                return $"classes: a binary model has exactly two classes (negative, positive); {Classes.Count} given.";
            }

            if (Classes.Count > MaxClasses)
            {
                return $"classes: {Classes.Count} classes, at most {MaxClasses} are allowed.";
            }

            if (Classes.Distinct(StringComparer.Ordinal).Count() != Classes.Count)
            {
                return "classes: a class label appears twice.";
            }
        }
        else if (Classes is { Count: > 0 })
        {
            return $"classes: only binary and multiclass models have classes.";
        }

        return null;
    }

    /// <summary>The index of a feature by name, or -1.</summary>
    public int FeatureIndex(string name)
    {
        for (var i = 0; i < Features.Count; i++)
        {
            if (string.Equals(Features[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Why <paramref name="next"/> cannot replace this schema once events exist, or null when it can: features
    /// may be added, but a kept feature may not change type, and the prediction type, classes and window are fixed.
    /// </summary>
    public string? IncompatibilityWith(ModelSchema next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.PredictionType != PredictionType)
        {
            return $"prediction_type cannot change from {PredictionType} to {next.PredictionType} once events exist.";
        }

        if (next.WindowMinutes != WindowMinutes)
        {
            return $"window_minutes cannot change from {WindowMinutes} to {next.WindowMinutes} once events exist.";
        }

        if (!(Classes ?? []).SequenceEqual(next.Classes ?? [], StringComparer.Ordinal))
        {
            return "classes cannot change once events exist.";
        }

        foreach (var f in Features)
        {
            var i = next.FeatureIndex(f.Name);
            if (i >= 0 && next.Features[i].Type != f.Type)
            {
                return $"feature '{f.Name}' cannot change type from {f.Type} to {next.Features[i].Type} once events exist.";
            }
        }

        return null;
    }
}
