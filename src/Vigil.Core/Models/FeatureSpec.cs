namespace Vigil.Core.Models;

/// <summary>One feature of a model's schema.</summary>
/// <param name="Name">The key under the event's <c>features</c> object.</param>
/// <param name="Type">How values are validated and profiled.</param>
/// <param name="Nullable">Whether null or an absent key is accepted (counted as missing).</param>
public sealed record FeatureSpec(string Name, FeatureType Type, bool Nullable = true);
