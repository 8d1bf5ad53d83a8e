using Vigil.Statistics.Drift;

namespace Vigil.Benchmarks;

/// <summary>Deterministic synthetic inputs for the benchmarks.</summary>
internal static class Data
{
    public static double[] Normal(Random random, int n, double mean, double sd)
    {
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            // Box-Muller; the benchmarks need realistic spreads, not a particular generator.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            values[i] = Math.Round(mean + (sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2)), 4);
        }

        return values;
    }

    public static BinnedCounts Categories(Random random, int n, int categories)
    {
        var reference = new Dictionary<string, long>();
        var current = new Dictionary<string, long>();
        for (var i = 0; i < n; i++)
        {
            var a = $"c{(int)(categories * Math.Pow(random.NextDouble(), 1.3))}";
            var b = $"c{(int)(categories * Math.Pow(random.NextDouble(), 1.1))}";
            reference[a] = reference.GetValueOrDefault(a) + 1;
            current[b] = current.GetValueOrDefault(b) + 1;
        }

        return BinnedCounts.FromCategories(reference, current);
    }
}
