namespace Vigil.Statistics;

/// <summary>Percentiles as numpy's <c>percentile</c> with its default linear method.</summary>
public static class Percentiles
{
    /// <summary>
    /// The <paramref name="q"/>-th percentile (0 to 100) of <paramref name="sorted"/> (ascending, not empty):
    /// position h = (n - 1) q / 100, value x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]) (numpy "linear").
    /// </summary>
    public static double Linear(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("no values.", nameof(sorted));
        }

        var h = (sorted.Length - 1) * (q / 100.0);
        var low = (int)Math.Floor(h);
        if (low >= sorted.Length - 1)
        {
            return sorted[^1];
        }

        var fraction = h - low;
        // numpy's _lerp: a + (b - a) * t, and b - (b - a) * (1 - t) when t >= 0.5, for monotonicity.
        var a = sorted[low];
        var b = sorted[low + 1];
        var diff = b - a;
        return fraction >= 0.5 ? b - (diff * (1 - fraction)) : a + (diff * fraction);
    }
}
