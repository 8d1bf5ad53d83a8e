namespace Vigil.Core.Models;

/// <summary>A feature's type in a model schema.</summary>
public enum FeatureType
{
    /// <summary>A number (JSON number, or a string that parses as one).</summary>
    Numerical,

    /// <summary>A category (JSON string, number or boolean, compared as text).</summary>
    Categorical,

    /// <summary>true or false (profiled as a category).</summary>
    Boolean,

    /// <summary>Free text (profiled by its length in characters).</summary>
    Text,
}
