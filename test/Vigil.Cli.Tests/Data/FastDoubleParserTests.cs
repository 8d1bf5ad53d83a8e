using System.Globalization;
using System.Text;
using Vigil.Cli.Data;

namespace Vigil.Cli.Tests.Data;

public sealed class FastDoubleParserTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("+1.5")]
    [InlineData("103.6459")]
    [InlineData("9007199254740993")]
    [InlineData("9007199254740992")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("1e22")]
    [InlineData("1e23")]
    [InlineData("1.7976931348623157e308")]
    [InlineData("4.9e-324")]
    [InlineData("0.1")]
    [InlineData("0.30000000000000004")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("1E-5")]
    [InlineData("0.000000000000000000000000001")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    public void TryParse_MatchesDoubleParse(string text)
    {
        Assert.True(FastDoubleParser.TryParse(Encoding.UTF8.GetBytes(text), out var fast));
        var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(fast));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1e")]
    [InlineData("1.2.3")]
    [InlineData("--1")]
    [InlineData(".")]
    public void TryParse_RejectsWhatDoubleParseRejects(string text) =>
        Assert.False(FastDoubleParser.TryParse(Encoding.UTF8.GetBytes(text), out _));

    [Fact]
    public void TryParse_RandomDecimals_AreBitIdenticalToDoubleParse()
    {
        // The independent reference is .NET's correctly rounded parser.
        var random = new Random(12345);
        for (var i = 0; i < 200_000; i++)
        {
            var digits = random.Next(1, 20);
            var text = new StringBuilder();
            if (random.Next(4) == 0)
            {
                text.Append('-');
            }

            for (var d = 0; d < digits; d++)
            {
                text.Append((char)('0' + random.Next(10)));
            }

            if (random.Next(2) == 0)
            {
                text.Insert(Math.Min(text.Length, 1 + random.Next(digits)), '.');
            }

            if (random.Next(5) == 0)
            {
                text.Append('e').Append(random.Next(-30, 30));
            }

            var s = text.ToString();
            Assert.True(FastDoubleParser.TryParse(Encoding.UTF8.GetBytes(s), out var fast), s);
            var expected = double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(fast), $"{s}: {expected:R} vs {fast:R}");
        }
    }
}
