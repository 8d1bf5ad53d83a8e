namespace Vigil.Statistics.Evaluation.Extraction;

/// <summary>Lookups of predicted values in one document's source text, normalized lazily per setting.</summary>
/// <remarks>
/// Text is found when its normalized form is a substring of the source normalized the same way (case, whitespace).
/// Numbers are found when a number written in the source parses (with the field's decimal separator) to the same
/// absolute value, so "$1,234.50" in the source grounds 1234.5; the parts of a date written in the source are not
/// numbers (12 is not grounded by 2024-12-05). Dates are found when a date written in the source in
/// an accepted form (with the field's day-first setting) is the same day. Booleans are not looked up.
/// </remarks>
internal sealed class SourceIndex(string source)
{
    private readonly Dictionary<(bool, bool), string> _texts = [];
    private readonly Dictionary<(char, bool), HashSet<string>> _numbers = [];
    private readonly Dictionary<bool, HashSet<string>> _dates = [];

    /// <summary>Whether <paramref name="item"/> of a field with <paramref name="normalization"/> occurs in the source.</summary>
    public bool Contains(NormalizedItem item, FieldNormalization normalization)
    {
        switch (item.Kind)
        {
            case NormalizedItem.ItemKind.Number:
                if (!_numbers.TryGetValue((normalization.DecimalSeparator, normalization.DayFirst), out var numbers))
                {
                    numbers = NumberNormalizer.FindAll(DateNormalizer.WithoutDates(source, normalization.DayFirst), normalization.DecimalSeparator);
                    _numbers[(normalization.DecimalSeparator, normalization.DayFirst)] = numbers;
                }

                return numbers.Contains(item.Text.TrimStart('-'));
            case NormalizedItem.ItemKind.Date:
                if (!_dates.TryGetValue(normalization.DayFirst, out var dates))
                {
                    dates = DateNormalizer.FindAll(source, normalization.DayFirst);
                    _dates[normalization.DayFirst] = dates;
                }

                return dates.Contains(item.Text);
            default:
                var key = (normalization.IgnoreCase, normalization.CollapseWhitespace);
                if (!_texts.TryGetValue(key, out var text))
                {
                    text = ValueNormalizer.NormalizeText(source, key.IgnoreCase, key.CollapseWhitespace);
                    _texts[key] = text;
                }

                return text.Contains(item.Text, StringComparison.Ordinal);
        }
    }
}
