using Vigil.Statistics.Sorting;

namespace Vigil.Statistics.Tests.Sorting;

public sealed class DoubleRadixSortTests
{
    public static TheoryData<string, int> Families => new()
    {
        { "uniform", 100_000 },
        { "normal", 50_000 },
        { "mixed-sign-wide-range", 70_000 },
        { "ties", 60_000 },
        { "constant", 10_000 },
        { "subnormal-and-extremes", 20_000 },
        { "small", 100 },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void Sort_MatchesArraySort(string family, int n)
    {
        var random = new Random(family.GetHashCode(StringComparison.Ordinal) & 0xFFFF);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = family switch
            {
                "uniform" => random.NextDouble(),
                "normal" => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()),
                "mixed-sign-wide-range" => (random.Next(2) == 0 ? -1 : 1) * Math.Pow(10, (random.NextDouble() * 600) - 300),
                "ties" => random.Next(-5, 6) * 0.5,
                "constant" => 42.0,
                "subnormal-and-extremes" => random.Next(6) switch
                {
                    0 => double.Epsilon * random.Next(1, 100),
                    1 => -double.Epsilon * random.Next(1, 100),
                    2 => double.MaxValue,
                    3 => double.MinValue,
                    4 => 0.0,
                    _ => random.NextDouble() - 0.5,
                },
                _ => random.NextDouble() * 1000,
            };
        }

        var expected = (double[])values.Clone();
        Array.Sort(expected);
        DoubleRadixSort.Sort(values);
        Assert.Equal(expected, values);
    }

    [Fact]
    public void Sort_NegativeZero_SortsBeforePositiveZeroAndKeepsBoth()
    {
        var values = new double[10_000];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = i % 2 == 0 ? 0.0 : -0.0;
        }

        DoubleRadixSort.Sort(values);
        Assert.True(double.IsNegative(values[0]));
        Assert.False(double.IsNegative(values[^1]));
        Assert.Equal(5_000, values.Count(double.IsNegative));
    }
}
