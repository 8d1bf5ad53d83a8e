using Vigil.Statistics.Evaluation.Extraction;

namespace Vigil.Statistics.Tests.Evaluation.Extraction;

public class NormalizersTests
{
    [Theory]
    [InlineData("$1,234.50", '.', "1234.5")]
    [InlineData("1.234,50 EUR", ',', "1234.5")]
    [InlineData("1234.5", '.', "1234.5")]
    [InlineData("1234,5", ',', "1234.5")]
    [InlineData("1 234,5", ',', "1234.5")]
    [InlineData("1'234.50 CHF", '.', "1234.5")]
    [InlineData("USD -3", '.', "-3")]
    [InlineData("(1,000.00)", '.', "-1000")]
    [InlineData("12%", '.', "12")]
    [InlineData("€ 0,50", ',', "0.5")]
    [InlineData(".5", '.', "0.5")]
    [InlineData("-0.00", '.', "0")]
    public void NumberTryParse_CommonForms_Canonical(string text, char separator, string expected)
    {
        Assert.True(NumberNormalizer.TryParse(text, separator, out var value));
        Assert.Equal(expected, NumberNormalizer.Canonical(value));
    }

    [Theory]
    [InlineData("1,23", '.')]      // a group of two digits
    [InlineData("1.234,50", '.')]  // separators swapped for this field
    [InlineData("1,234 567", '.')] // mixed grouping characters
    [InlineData("abcd", '.')]
    [InlineData("1-2", '.')]
    [InlineData("", '.')]
    public void NumberTryParse_Malformed_Fails(string text, char separator)
    {
        Assert.False(NumberNormalizer.TryParse(text, separator, out _));
    }

    [Fact]
    public void NumberFindAll_Source_AbsoluteCanonicalValues()
    {
        // "$1,234.50" → 1234.5, "-3" → 3 (sign ignored), "1,2,3" is no number so its digit runs 1, 2, 3 count.
        var found = NumberNormalizer.FindAll("Total $1,234.50, refund -3; codes 1,2,3.", '.');

        Assert.Equal(["1", "1234.5", "2", "3"], found.Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [InlineData("2024-03-05", false, "2024-03-05")]
    [InlineData("2024/3/5", false, "2024-03-05")]
    [InlineData("2024-03-05T10:00:00Z", false, "2024-03-05")]
    [InlineData("March 5, 2024", false, "2024-03-05")]
    [InlineData("Tue, Mar. 5 2024", false, "2024-03-05")]
    [InlineData("5 March 2024", false, "2024-03-05")]
    [InlineData("5th of March, 2024", false, "2024-03-05")]
    [InlineData("5-Mar-2024", false, "2024-03-05")]
    [InlineData("05/03/2024", true, "2024-03-05")]
    [InlineData("05/03/2024", false, "2024-05-03")]
    [InlineData("05.03.24", true, "2024-03-05")]
    [InlineData("01/02/70", false, "1970-01-02")]
    [InlineData("sept 30, 1999", false, "1999-09-30")]
    public void DateTryParse_CommonForms_Iso(string text, bool dayFirst, string expected)
    {
        Assert.True(DateNormalizer.TryParse(text, dayFirst, out var date));
        Assert.Equal(expected, DateNormalizer.Canonical(date));
    }

    [Theory]
    [InlineData("31/02/2024", true)] // no 31 February
    [InlineData("13/05/2024", false)] // month 13 when month comes first
    [InlineData("Smarch 5, 2024", false)]
    [InlineData("2024-03", false)]
    public void DateTryParse_Invalid_Fails(string text, bool dayFirst)
    {
        Assert.False(DateNormalizer.TryParse(text, dayFirst, out _));
    }

    [Fact]
    public void DateFindAll_Source_EveryForm()
    {
        var found = DateNormalizer.FindAll("Signed on 5 March 2024, due 2024-04-01 or 05/06/2024 (order 12024-99-99).", dayFirst: true);

        Assert.Equal(["2024-03-05", "2024-04-01", "2024-06-05"], found.Order(StringComparer.Ordinal).ToArray());
    }
}
