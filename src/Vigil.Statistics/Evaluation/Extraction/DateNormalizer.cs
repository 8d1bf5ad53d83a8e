using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Statistics.Evaluation.Extraction;

/// <summary>Parses dates written in common ways to ISO 8601 (see <see cref="FieldValueKind.Date"/>).</summary>
internal static partial class DateNormalizer
{
    private const string Month =
        "(?<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

    private const string Weekday = "(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?";

    private const string Iso = "(?<y>[0-9]{4})(?<s>[-/.])(?<m>[0-9]{1,2})\\k<s>(?<d>[0-9]{1,2})";

    private const string Numeric = "(?<a>[0-9]{1,2})(?<s>[-/.])(?<b>[0-9]{1,2})\\k<s>(?<y>[0-9]{4}|[0-9]{2})";

    private const string MonthFirst = Weekday + Month + "\\.?\\s+(?<d>[0-9]{1,2})(?:st|nd|rd|th)?,?\\s+(?<y>[0-9]{4})";

    private const string DayFirstName = Weekday + "(?<d>[0-9]{1,2})(?:st|nd|rd|th)?(?:\\s+of)?[\\s-]+" + Month + "\\.?,?[\\s-]+(?<y>[0-9]{4}|[0-9]{2})";

    private static readonly string[] MonthPrefixes = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>Parses <paramref name="text"/> as a whole (an ISO date may carry a time part, which is dropped).</summary>
    public static bool TryParse(string text, bool dayFirst, out DateOnly date)
    {
        var s = text.Trim();
        var match = IsoExact().Match(s);
        if (match.Success)
        {
            return TryFromIso(match, out date);
        }

        match = NumericExact().Match(s);
        if (match.Success)
        {
            return TryFromNumeric(match, dayFirst, out date);
        }

        match = MonthFirstExact().Match(s);
        if (!match.Success)
        {
            match = DayFirstNameExact().Match(s);
        }

        if (match.Success)
        {
            return TryFromNames(match, out date);
        }

        date = default;
        return false;
    }

    /// <summary>ISO text of a date.</summary>
    public static string Canonical(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Every date written in <paramref name="source"/> in one of the accepted forms, as ISO text.</summary>
    public static HashSet<string> FindAll(string source, bool dayFirst)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, date) in Occurrences(source, dayFirst))
        {
            found.Add(Canonical(date));
        }

        return found;
    }

    /// <summary>
    /// <paramref name="source"/> with every date written in an accepted form blanked out (same length), so the
    /// numbers inside a date ("12" of 2024-12-05) are not taken for numbers written in the source.
    /// </summary>
    public static string WithoutDates(string source, bool dayFirst)
    {
        char[]? chars = null;
        foreach (var (match, _) in Occurrences(source, dayFirst))
        {
            chars ??= source.ToCharArray();
            Array.Fill(chars, ' ', match.Index, match.Length);
        }

        return chars is null ? source : new string(chars);
    }

    private static IEnumerable<(Match Match, DateOnly Date)> Occurrences(string source, bool dayFirst)
    {
        foreach (Match match in IsoAnywhere().Matches(source))
        {
            if (TryFromIso(match, out var date))
            {
                yield return (match, date);
            }
        }

        foreach (Match match in NumericAnywhere().Matches(source))
        {
            if (TryFromNumeric(match, dayFirst, out var date))
            {
                yield return (match, date);
            }
        }

        foreach (var regex in (Regex[])[MonthFirstAnywhere(), DayFirstNameAnywhere()])
        {
            foreach (Match match in regex.Matches(source))
            {
                if (TryFromNames(match, out var date))
                {
                    yield return (match, date);
                }
            }
        }
    }

    private static bool TryFromIso(Match match, out DateOnly date) =>
        TryCreate(Int(match, "y"), Int(match, "m"), Int(match, "d"), out date);

    private static bool TryFromNumeric(Match match, bool dayFirst, out DateOnly date)
    {
        var a = Int(match, "a");
        var b = Int(match, "b");
        return TryCreate(Year(match.Groups["y"].Value), dayFirst ? b : a, dayFirst ? a : b, out date);
    }

    private static bool TryFromNames(Match match, out DateOnly date)
    {
        var month = Array.IndexOf(MonthPrefixes, match.Groups["month"].Value[..3].ToLowerInvariant()) + 1;
        return TryCreate(Year(match.Groups["y"].Value), month, Int(match, "d"), out date);
    }

    // Python's %y: 69-99 are 1969-1999, 00-68 are 2000-2068.
    private static int Year(string text)
    {
        var year = int.Parse(text, CultureInfo.InvariantCulture);
        return text.Length == 2 ? (year >= 69 ? 1900 + year : 2000 + year) : year;
    }

    private static int Int(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private static bool TryCreate(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    [GeneratedRegex("^" + Iso + "(?:[T ].*)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex IsoExact();

    [GeneratedRegex("^" + Numeric + "$", RegexOptions.CultureInvariant)]
    private static partial Regex NumericExact();

    [GeneratedRegex("^" + MonthFirst + "$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex MonthFirstExact();

    [GeneratedRegex("^" + DayFirstName + "$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DayFirstNameExact();

    [GeneratedRegex("(?<![0-9])" + Iso + "(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex IsoAnywhere();

    [GeneratedRegex("(?<![0-9])" + Numeric + "(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex NumericAnywhere();

    [GeneratedRegex("\\b" + MonthFirst + "(?![0-9])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex MonthFirstAnywhere();

    [GeneratedRegex("(?<![0-9])" + DayFirstName + "(?![0-9])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DayFirstNameAnywhere();
}
