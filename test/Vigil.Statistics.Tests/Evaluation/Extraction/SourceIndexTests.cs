using Vigil.Statistics.Evaluation.Extraction;

namespace Vigil.Statistics.Tests.Evaluation.Extraction;

public class SourceIndexTests
{
    private static bool Grounds(string source, double number, bool dayFirst = false)
    {
        var normalization = new FieldNormalization { DayFirst = dayFirst };
        var item = new NormalizedItem(NumberNormalizer.Canonical((decimal)number), NormalizedItem.ItemKind.Number);
        return new SourceIndex(source).Contains(item, normalization);
    }

    [Theory]
    [InlineData("Invoice dated 2024-12-05, total 99.00", 12)]
    [InlineData("Invoice dated 2024-12-05, total 99.00", 2024)]
    [InlineData("Due 05/12/2024; amount 40", 5)]
    [InlineData("Due 31.01.2024; amount 40", 31)]
    [InlineData("Shipped on March 7, 2024 (qty 3)", 7)]
    [InlineData("Shipped on 7th of March 2024 (qty 3)", 2024)]
    public void NumbersInsideDates_AreNotGrounded(string source, double number) =>
        Assert.False(Grounds(source, number, dayFirst: source.Contains("31.01", StringComparison.Ordinal)));

    [Theory]
    [InlineData("Invoice dated 2024-12-05, total 99.00", 99)]
    [InlineData("Due 05/12/2024; amount 40", 40)]
    [InlineData("Shipped on March 7, 2024 (qty 3)", 3)]
    [InlineData("12 items, delivered 2024-11-30", 12)]
    [InlineData("Version 2.5.1 released", 2)]
    public void NumbersBesideDates_AreStillGrounded(string source, double number) =>
        Assert.True(Grounds(source, number));
}
