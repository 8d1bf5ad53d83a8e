namespace Vigil.Statistics.Profiles;

/// <summary>
/// A weighted empirical CDF: sorted values with cumulative weights, from exact values (error 0) or from
/// a KLL sketch's retained items (error: the sketch's normalized rank bound).
/// </summary>
internal sealed class CdfView
{
    private CdfView(double[] values, long[] cumulative, double epsilon)
    {
        Values = values;
        Cumulative = cumulative;
        Epsilon = epsilon;
        Total = cumulative.Length == 0 ? 0 : cumulative[^1];
    }

    public double[] Values { get; }

    public long[] Cumulative { get; }

    public long Total { get; }

    /// <summary>Bound on |estimated - true| of every normalized rank (0 when exact; 99% confidence otherwise).</summary>
    public double Epsilon { get; }

    public static CdfView From(ColumnProfile profile)
    {
        if (profile.IsExact)
        {
            var values = profile.ExactValues.ToArray();
            Array.Sort(values);
            var cumulative = new long[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                cumulative[i] = i + 1;
            }

            return new CdfView(values, cumulative, 0);
        }

        var sketch = profile.Quantiles;
        var (v, c) = sketch.SortedView();
        // Sup over many points at once: the PMF ("all ranks") bound, not the single-rank one.
        return new CdfView(v, c, sketch.NormalizedRankError(pmf: true));
    }

    /// <summary>Fraction of the weight at values strictly below <paramref name="x"/>.</summary>
    public double Below(double x)
    {
        var i = LowerBound(x);
        return i == 0 ? 0 : (double)Cumulative[i - 1] / Total;
    }

    /// <summary>Fraction of the weight at values at or below <paramref name="x"/>.</summary>
    public double AtOrBelow(double x)
    {
        var i = UpperBound(x);
        return i == 0 ? 0 : (double)Cumulative[i - 1] / Total;
    }

    private int LowerBound(double x)
    {
        int lo = 0, hi = Values.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Values[mid] < x)
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

    private int UpperBound(double x)
    {
        int lo = 0, hi = Values.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Values[mid] <= x)
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
}
