using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Statistics.Evaluation.Extraction;

/// <summary>Parses numbers and amounts of money written in common ways (see <see cref="FieldValueKind.Number"/>).</summary>
internal static partial class NumberNormalizer
{
    private const int MaxCurrencyLetters = 3;

    /// <summary>Parses <paramref name="text"/> with the given decimal separator ('.' or ',').</summary>
    public static bool TryParse(string text, char decimalSeparator, out decimal value)
    {
        value = 0;
        var s = text.AsSpan().Trim();
        var negative = false;
        if (s.Length >= 2 && s[0] == '(' && s[^1] == ')')
        {
            negative = true;
            s = s[1..^1];
        }

        var letters = 0;
        while (s.Length > 0)
        {
            var c = s[0];
            if (char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == UnicodeCategory.CurrencySymbol || c == '+')
            {
                s = s[1..];
            }
            else if (char.IsAsciiLetter(c) && ++letters <= MaxCurrencyLetters)
            {
                s = s[1..];
            }
            else if (c is '-' or '\u2212' && !negative)
            {
                negative = true;
                s = s[1..];
            }
            else
            {
                break;
            }
        }

        letters = 0;
        while (s.Length > 0)
        {
            var c = s[^1];
            if (char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == UnicodeCategory.CurrencySymbol || c == '%')
            {
                s = s[..^1];
            }
            else if (char.IsAsciiLetter(c) && ++letters <= MaxCurrencyLetters)
            {
                s = s[..^1];
            }
            else if (c is '-' or '\u2212' && !negative)
            {
                negative = true;
                s = s[..^1];
            }
            else
            {
                break;
            }
        }

        var core = s.ToString();
        var match = decimalSeparator == ',' ? CommaDecimal().Match(core) : PointDecimal().Match(core);
        if (!match.Success)
        {
            return false;
        }

        var digits = match.Groups["int"].Value;
        var group = match.Groups["g"];
        if (group.Success)
        {
            digits = digits.Replace(group.Value, string.Empty, StringComparison.Ordinal);
        }

        var fraction = match.Groups["frac"].Value;
        var invariant = fraction.Length > 0 ? string.Concat(digits.Length == 0 ? "0" : digits, ".", fraction) : digits;
        if (!decimal.TryParse(invariant, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        value = negative ? -value : value;
        return true;
    }

    /// <summary>The canonical text of a number: invariant culture, no trailing zeros, no negative zero.</summary>
    public static string Canonical(decimal value) =>
        value == 0 ? "0" : value.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>Every number written in <paramref name="source"/>, as canonical absolute values.</summary>
    public static HashSet<string> FindAll(string source, char decimalSeparator)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match candidate in NumberCandidate().Matches(source))
        {
            if (TryParse(candidate.Value, decimalSeparator, out var value))
            {
                found.Add(Canonical(Math.Abs(value)));
                continue;
            }

            foreach (Match run in DigitRun().Matches(candidate.Value))
            {
                if (decimal.TryParse(run.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var integer))
                {
                    found.Add(Canonical(integer));
                }
            }
        }

        return found;
    }

    // Integer part: plain digits, or groups of three after a consistent grouping character; then an optional fraction.
    [GeneratedRegex(@"^(?<int>[0-9]+|[0-9]{1,3}(?<g>[, \u00A0\u202F'’])[0-9]{3}(?:\k<g>[0-9]{3})*)?(?:\.(?<frac>[0-9]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex PointDecimal();

    [GeneratedRegex(@"^(?<int>[0-9]+|[0-9]{1,3}(?<g>[. \u00A0\u202F'’])[0-9]{3}(?:\k<g>[0-9]{3})*)?(?:,(?<frac>[0-9]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex CommaDecimal();

    [GeneratedRegex(@"[0-9](?:[0-9.,'’\u00A0\u202F]*[0-9])?", RegexOptions.CultureInvariant)]
    private static partial Regex NumberCandidate();

    [GeneratedRegex(@"[0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex DigitRun();
}
