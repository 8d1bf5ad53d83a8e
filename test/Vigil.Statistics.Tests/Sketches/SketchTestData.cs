using Vigil.Statistics.Sketches;

namespace Vigil.Statistics.Tests.Sketches;

/// <summary>
/// Seeded inputs for the sketch tests and the exact ranks they are checked against. The exact side sorts the
/// input and counts, independently of the sketch code.
/// </summary>
internal static class SketchTestData
{
    public const string Uniform = "uniform";
    public const string Normal = "normal";
    public const string LogNormal = "lognormal";
    public const string Pareto = "pareto";
    public const string Constant = "constant";
    public const string Tied = "tied";
    public const string NaNFiltered = "nan-filtered";

    public static readonly string[] Families = [Uniform, Normal, LogNormal, Pareto, Constant, Tied, NaNFiltered];

    /// <summary>n values of a family; <see cref="NaNFiltered"/> draws normal values with 10% NaN and drops the NaN, as a caller does.</summary>
    public static double[] Generate(string family, int n, int seed)
    {
        var random = new Random(seed);
        var values = new List<double>(n);
        while (values.Count < n)
        {
            var value = family switch
            {
                Uniform => random.NextDouble(),
                Normal => StandardNormal(random),
                LogNormal => Math.Exp(1.5 * StandardNormal(random)),
                Pareto => 3.0 / Math.Pow(1.0 - random.NextDouble(), 1.0 / 1.1), // alpha 1.1: infinite variance
                Constant => 7.25,
                Tied => Math.Round(2 * StandardNormal(random)), // about 15 distinct values
                NaNFiltered => random.NextDouble() < 0.1 ? double.NaN : StandardNormal(random) * 10,
                _ => throw new ArgumentOutOfRangeException(nameof(family), family, null),
            };
            if (!double.IsNaN(value))
            {
                values.Add(value);
            }
        }

        return [.. values];
    }

    public static KllSketch Sketch(ReadOnlySpan<double> values, ulong seed, int k = KllSketch.DefaultK)
    {
        var sketch = new KllSketch(k, seed);
        foreach (var value in values)
        {
            sketch.Update(value);
        }

        return sketch;
    }

    public static double[] Sorted(ReadOnlySpan<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>Number of values &lt;= <paramref name="value"/> in an ascending array.</summary>
    public static int CountAtMost(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Number of values &lt; <paramref name="value"/> in an ascending array.</summary>
    public static int CountBelow(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>
    /// Largest normalized rank error of the sketch against the exact data: |Rank(v) - F(v)| at up to
    /// <paramref name="points"/> evenly spaced order statistics v, and, for evenly spaced q, the distance from q
    /// to the exact rank interval [F(x-), F(x)] of x = Quantile(q).
    /// </summary>
    public static double MaxRankError(KllSketch sketch, double[] sorted, int points = 1000)
    {
        double n = sorted.Length;
        var worst = 0.0;
        var step = Math.Max(1, sorted.Length / points);
        for (var i = 0; i < sorted.Length; i += step)
        {
            var v = sorted[i];
            worst = Math.Max(worst, Math.Abs(sketch.Rank(v) - (CountAtMost(sorted, v) / n)));
        }

        for (var j = 1; j < points; j++)
        {
            var q = (double)j / points;
            var x = sketch.Quantile(q);
            var below = CountBelow(sorted, x) / n;
            var atMost = CountAtMost(sorted, x) / n;
            worst = Math.Max(worst, Math.Max(0, Math.Max(below - q, q - atMost)));
        }

        return worst;
    }

    private static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
