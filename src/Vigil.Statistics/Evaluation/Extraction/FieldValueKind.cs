namespace Vigil.Statistics.Evaluation.Extraction;

/// <summary>How the string values of an extraction field are interpreted before comparison.</summary>
public enum FieldValueKind
{
    /// <summary>Free text: only case and whitespace normalization apply.</summary>
    Text,

    /// <summary>
    /// A calendar date, compared as ISO 8601 <c>yyyy-MM-dd</c>. Accepted: "2024-03-05" (also with '/' or '.', and a time
    /// part that is dropped), "05/03/2024" or "05-03-24" (day or month first per <see cref="FieldNormalization.DayFirst"/>;
    /// two-digit years 00-68 are 20xx and 69-99 are 19xx, as Python's <c>%y</c>), "March 5, 2024", "Tue, Mar. 5 2024",
    /// "5 March 2024", "5th of March, 2024", "5-Mar-2024" (English month names and abbreviations, any case).
    /// A string that does not parse is compared as text.
    /// </summary>
    Date,

    /// <summary>
    /// A number or an amount of money, compared as a decimal: "$1,234.50", "1.234,50 EUR" (with ',' as
    /// <see cref="FieldNormalization.DecimalSeparator"/>), "1234.5", "(12.00)" (negative), "USD -3", "12%" (12) are
    /// accepted; currency symbols, up to three letters of currency code at either end and a percent sign are ignored;
    /// grouping separators ('.' or ',' whichever is not the decimal separator, space, no-break space, apostrophe) must
    /// separate groups of three digits. A string that does not parse is compared as text.
    /// </summary>
    Number,
}
