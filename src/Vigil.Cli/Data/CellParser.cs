using System.Globalization;
using System.Text;

namespace Vigil.Cli.Data;

/// <summary>Turns one text cell into a number, a label or a missing value, the way pandas' readers do.</summary>
internal static class CellParser
{
    /// <summary>pandas' default <c>na_values</c>, plus spellings of infinity (dropped like NaN before drift tests).</summary>
    private static readonly HashSet<string> MissingTokens = new(StringComparer.Ordinal)
    {
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>",
        "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
        "inf", "-inf", "+inf", "Inf", "-Inf", "+Inf", "INF", "-INF", "+INF",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> MissingLookup =
        MissingTokens.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Adds the cell <paramref name="text"/> to <paramref name="column"/>.</summary>
    /// <exception cref="InputException">The column was declared numerical and the cell is not a number.</exception>
    public static void Add(IColumnSink column, string text, string file, long row) => Add(column, text.AsSpan(), file, row);

    /// <summary>Adds a UTF-8 cell (as CSV readers hand them out) without allocating for numbers or known labels.</summary>
    public static void AddUtf8(IColumnSink column, ReadOnlySpan<byte> utf8, string file, long row)
    {
        if (utf8.IsEmpty)
        {
            column.AddMissing();
            return;
        }

        if (column.Hint != ColumnTypeHint.Categorical
            && FastDoubleParser.TryParse(utf8, out var value))
        {
            column.AddNumber(value);
            return;
        }

        if (utf8.Length <= 256)
        {
            Span<char> chars = stackalloc char[256];
            var n = Encoding.UTF8.GetChars(utf8, chars);
            AddText(column, chars[..n], file, row);
        }
        else
        {
            AddText(column, Encoding.UTF8.GetString(utf8), file, row);
        }
    }

    public static void Add(IColumnSink column, ReadOnlySpan<char> text, string file, long row)
    {
        if (text.IsEmpty)
        {
            column.AddMissing();
            return;
        }

        if (column.Hint != ColumnTypeHint.Categorical
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            column.AddNumber(value);
            return;
        }

        AddText(column, text, file, row);
    }

    public static string Truncate(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : string.Concat(text[..40], "...");

    private static void AddText(IColumnSink column, ReadOnlySpan<char> text, string file, long row)
    {
        if (MissingLookup.Contains(text) || MissingLookup.Contains(text.Trim()))
        {
            column.AddMissing();
            return;
        }

        if (column.Hint == ColumnTypeHint.Numerical)
        {
            throw InputException.At(file, row, column.Name, $"'{Truncate(text)}' is not a number, but the column is declared numerical.");
        }

        column.AddLabel(text);
    }
}
