namespace Vigil.Core.Events;

/// <summary>One feature's value in an event: missing, a number, or text (a category, or text whose length is profiled).</summary>
public readonly record struct FeatureValue(double Number, string? Text)
{
    /// <summary>No value (null or absent).</summary>
    public static FeatureValue Missing => new(double.NaN, null);

    /// <summary>Whether the value is missing.</summary>
    public bool IsMissing => Text is null && double.IsNaN(Number);

    /// <summary>A number.</summary>
    public static FeatureValue Of(double number) => new(number, null);

    /// <summary>A text value.</summary>
    public static FeatureValue Of(string text) => new(double.NaN, text);
}
