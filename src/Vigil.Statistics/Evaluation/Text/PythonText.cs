using System.Globalization;
using System.Text;

namespace Vigil.Statistics.Evaluation.Text;

/// <summary>
/// Python 3 string semantics that the reference scorers (sacreBLEU, rouge-score, the SQuAD v1.1 script) rely on:
/// <c>str.isspace</c>, <c>str.split()</c>, <c>str.lower()</c> and the word characters of <c>re</c>'s <c>\b</c>.
/// </summary>
/// <remarks>
/// Python works on code points, .NET on UTF-16 units; every helper here walks <see cref="Rune"/>s where that matters.
/// </remarks>
internal static class PythonText
{
    /// <summary>Python's <c>str.isspace</c>: .NET's whitespace plus the information separators U+001C..U+001F.</summary>
    public static bool IsWhitespace(char c) => char.IsWhiteSpace(c) || (c >= '\u001C' && c <= '\u001F');

    /// <summary>Python's <c>str.split()</c> without arguments: runs of whitespace separate, no empty tokens.</summary>
    public static List<string> SplitWhitespace(string s)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i < s.Length; i++)
        {
            if (IsWhitespace(s[i]))
            {
                if (start >= 0)
                {
                    tokens.Add(s[start..i]);
                    start = -1;
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        if (start >= 0)
        {
            tokens.Add(s[start..]);
        }

        return tokens;
    }

    /// <summary>Python's <c>str.rstrip()</c> without arguments.</summary>
    public static string TrimEndWhitespace(string s)
    {
        var end = s.Length;
        while (end > 0 && IsWhitespace(s[end - 1]))
        {
            end--;
        }

        return end == s.Length ? s : s[..end];
    }

    /// <summary>
    /// Python's <c>str.lower()</c>: Unicode simple lowercase mapping, plus the two rules Python adds from SpecialCasing:
    /// U+0130 (İ) becomes "i̇" (two code points) and capital sigma becomes final sigma (ς) at the end of a word.
    /// </summary>
    public static string Lower(string s)
    {
        var builder = new StringBuilder(s.Length);
        Span<char> buffer = stackalloc char[2];
        var index = 0;
        foreach (var rune in s.EnumerateRunes())
        {
            if (rune.Value == 0x0130)
            {
                builder.Append("i\u0307");
            }
            else if (rune.Value == 0x03A3)
            {
                builder.Append(IsFinalSigma(s, index) ? 'ς' : 'σ');
            }
            else
            {
                var lower = Rune.ToLowerInvariant(rune);
                builder.Append(buffer[..lower.EncodeToUtf16(buffer)]);
            }

            index += rune.Utf16SequenceLength;
        }

        return builder.ToString();
    }

    /// <summary>
    /// A word character of Python's <c>re</c> for <c>str</c> patterns (<c>\w</c>, which <c>\b</c> uses):
    /// <c>str.isalnum()</c> (letters of every category L*, numbers of every category N*) or the underscore.
    /// Unlike .NET's <c>\w</c>, combining marks (Mn) and connector punctuation other than '_' are not word characters.
    /// </summary>
    public static bool IsWordRune(Rune rune)
    {
        if (rune.Value == '_')
        {
            return true;
        }

        var category = Rune.GetUnicodeCategory(rune);
        return category <= UnicodeCategory.OtherLetter
            || category is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;
    }

    // Python's handle_capital_sigma: final when preceded by a cased letter and not followed by one,
    // skipping case-ignorable characters on both sides.
    private static bool IsFinalSigma(string s, int index)
    {
        var before = index;
        Rune previous = default;
        var found = false;
        while (before > 0)
        {
            Rune.DecodeLastFromUtf16(s.AsSpan(0, before), out previous, out var length);
            before -= length;
            if (!IsCaseIgnorable(previous))
            {
                found = true;
                break;
            }
        }

        if (!found || !IsCased(previous))
        {
            return false;
        }

        var after = index + 1;
        while (after < s.Length)
        {
            Rune.DecodeFromUtf16(s.AsSpan(after), out var next, out var length);
            after += length;
            if (!IsCaseIgnorable(next))
            {
                return !IsCased(next);
            }
        }

        return true;
    }

    private static bool IsCased(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter;

    // Case_Ignorable: Mn, Me, Cf, Lm, Sk and the Word_Break MidLetter / MidNumLet / Single_Quote characters.
    private static bool IsCaseIgnorable(Rune rune)
    {
        switch (rune.Value)
        {
            case '\'' or '.' or ':' or '^' or '`' or 0x00B7 or 0x0387 or 0x055F or 0x05F4 or 0x2018 or 0x2019
                or 0x2024 or 0x2027 or 0xFE13 or 0xFE52 or 0xFE55 or 0xFF07 or 0xFF0E or 0xFF1A:
                return true;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Format or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol;
    }
}
