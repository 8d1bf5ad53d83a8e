namespace Vigil.Statistics.Evaluation.Extraction;

/// <summary>One normalized value (a scalar field's value, or one element of an array field).</summary>
/// <param name="Text">The comparison key: normalized text, canonical number or ISO date.</param>
/// <param name="Kind">What the key is, which decides how it is grounded.</param>
internal readonly record struct NormalizedItem(string Text, NormalizedItem.ItemKind Kind)
{
    /// <summary>What a normalized value is.</summary>
    internal enum ItemKind
    {
        /// <summary>Normalized text (also the fallback of unparseable dates and numbers).</summary>
        Text,

        /// <summary>A canonical decimal (invariant, no trailing zeros).</summary>
        Number,

        /// <summary>An ISO 8601 date.</summary>
        Date,

        /// <summary>"true" or "false" from a JSON boolean; never grounded.</summary>
        Boolean,
    }
}
