using System.Text;
using System.Text.RegularExpressions;

namespace Vigil.Statistics.Evaluation.Text;

/// <summary>sacreBLEU 2.x's default <c>13a</c> tokenizer (mteval-v13a.pl's tokenization).</summary>
/// <remarks>
/// Port of <c>sacrebleu/tokenizers/tokenizer_13a.py</c> and <c>tokenizer_re.py</c>: remove <c>&lt;skipped&gt;</c>,
/// join "-\n" hyphenations, newlines to spaces, unescape <c>&amp;quot; &amp;amp; &amp;lt; &amp;gt;</c>, pad with spaces,
/// then four substitutions applied in order to the whole line: (1) every character in
/// <c>[{-~[-` -&amp;(-+:-@/]</c> becomes " c "; (2) <c>([^0-9])([.,])</c> → "\1 \2 "; (3) <c>([.,])([^0-9])</c> →
/// " \1 \2"; (4) <c>([0-9])(-)</c> → "\1 \2 "; finally Python's <c>' '.join(line.split())</c>.
/// BLEU first applies Python's <c>rstrip()</c> to each segment (<c>BLEU._preprocess_segment</c>).
/// </remarks>
internal static partial class Tokenizer13a
{
    /// <summary>Tokens of one segment, as sacreBLEU's BLEU sees them (after <c>rstrip</c> and the 13a tokenizer).</summary>
    public static List<string> Tokens(string segment) => PythonText.SplitWhitespace(Tokenize(PythonText.TrimEndWhitespace(segment)));

    /// <summary>The tokenized line: tokens separated by single spaces.</summary>
    public static string Tokenize(string line)
    {
        line = line.Replace("<skipped>", string.Empty, StringComparison.Ordinal)
            .Replace("-\n", string.Empty, StringComparison.Ordinal)
            .Replace('\n', ' ');
        if (line.Contains('&', StringComparison.Ordinal))
        {
            line = line.Replace("&quot;", "\"", StringComparison.Ordinal)
                .Replace("&amp;", "&", StringComparison.Ordinal)
                .Replace("&lt;", "<", StringComparison.Ordinal)
                .Replace("&gt;", ">", StringComparison.Ordinal);
        }

        var builder = new StringBuilder(line.Length * 2 + 2);
        builder.Append(' ');
        foreach (var c in line)
        {
            if (IsSeparatedSymbol(c))
            {
                builder.Append(' ').Append(c).Append(' ');
            }
            else
            {
                builder.Append(c);
            }
        }

        builder.Append(' ');
        var text = PeriodCommaAfterNonDigit().Replace(builder.ToString(), "$1 $2 ");
        text = PeriodCommaBeforeNonDigit().Replace(text, " $1 $2");
        text = DashAfterDigit().Replace(text, "$1 $2 ");
        return string.Join(' ', PythonText.SplitWhitespace(text));
    }

    // The class [\{-\~\[-\` -\&\(-\+\:-\@\/] of the first substitution.
    private static bool IsSeparatedSymbol(char c) =>
        c is (>= '{' and <= '~') or (>= '[' and <= '`') or (>= ' ' and <= '&') or (>= '(' and <= '+') or (>= ':' and <= '@') or '/';

    [GeneratedRegex("([^0-9])([.,])", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodCommaAfterNonDigit();

    [GeneratedRegex("([.,])([^0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodCommaBeforeNonDigit();

    [GeneratedRegex("([0-9])(-)", RegexOptions.CultureInvariant)]
    private static partial Regex DashAfterDigit();
}
