namespace Vigil.Statistics.Tests.Sketches;

/// <summary>Seeded sample families for the sketch tests (System.Random, so runs are reproducible).</summary>
internal static class SketchSamples
{
    public static readonly string[] FamilyNames =
        ["uniform", "normal_shifted", "lognormal", "pareto", "exponential", "constant", "mixed_sign"];

    public static double[] Family(string name, int n, int seed)
    {
        var random = new Random(seed);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = name switch
            {
                "uniform" => 1 + (999 * random.NextDouble()),
                "normal_shifted" => 100 + (15 * Gaussian(random)),
                "lognormal" => 0.020 * Math.Exp(Gaussian(random)),
                "pareto" => 0.5 / Math.Pow(1 - random.NextDouble(), 1 / 1.1),
                "exponential" => -Math.Log(1 - random.NextDouble()) / 3,
                "constant" => 42.125,
                "mixed_sign" => MixedSign(random),
                _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown family."),
            };
        }

        return values;
    }

    public static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Negative and positive values over many magnitudes, with exact zeros and ties.</summary>
    private static double MixedSign(Random random) => random.Next(10) switch
    {
        0 => 0.0,
        1 => -0.0,
        2 => Math.Round(10 * Gaussian(random)),
        _ => (random.Next(2) == 0 ? -1 : 1) * Math.Exp(4 * Gaussian(random)),
    };

    public static T[] Shuffled<T>(T[] values, int seed)
    {
        var copy = (T[])values.Clone();
        new Random(seed).Shuffle(copy);
        return copy;
    }
}
