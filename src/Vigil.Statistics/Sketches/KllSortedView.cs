namespace Vigil.Statistics.Sketches;

/// <summary>
/// The retained items of a <see cref="KllSketch"/> sorted ascending with their cumulative weights
/// (an item at level h weighs 2^h), as DataSketches' <c>DoublesSketchSortedView</c>. Immutable once built,
/// so a sketch can cache it and share it between readers.
/// </summary>
internal sealed class KllSortedView
{
    private const double TailRoundingFactor = 1e7;

    private KllSortedView(double[] values, long[] cumulativeWeights, long n)
    {
        Values = values;
        CumulativeWeights = cumulativeWeights;
        N = n;
    }

    /// <summary>Retained items, ascending (ties kept as separate entries).</summary>
    public double[] Values { get; }

    /// <summary>Cumulative weights; the last equals <see cref="N"/>.</summary>
    public long[] CumulativeWeights { get; }

    /// <summary>Total weight of the sketch the view was built from.</summary>
    public long N { get; }

    /// <summary>Builds the view from a sketch's item buffer and level boundaries.</summary>
    public static KllSortedView Build(double[] items, int[] levels, int numLevels, long n)
    {
        var count = levels[numLevels] - levels[0];
        var values = new double[count];
        var weights = new long[count];
        var position = 0;
        for (var level = 0; level < numLevels; level++)
        {
            var size = levels[level + 1] - levels[level];
            Array.Copy(items, levels[level], values, position, size);
            weights.AsSpan(position, size).Fill(1L << level);
            position += size;
        }

        Array.Sort(values, weights);
        long total = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            total += weights[i];
            weights[i] = total;
        }

        return new KllSortedView(values, weights, n);
    }

    /// <summary>
    /// DataSketches' inclusive quantile: the first item whose cumulative weight reaches ceil(rank n), with the
    /// natural rank rounded to 1e-7 when n &lt;= 1e7 so that, e.g., 0.3 * 10 is 3 and not 3.0000000000000004.
    /// </summary>
    public double Quantile(double normalizedRank)
    {
        var natural = normalizedRank * N;
        if (N <= TailRoundingFactor)
        {
            natural = Math.Round(natural * TailRoundingFactor) / TailRoundingFactor;
        }

        var target = (long)Math.Ceiling(natural);
        int lo = 0, hi = CumulativeWeights.Length; // first index with cumulative weight >= target
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (CumulativeWeights[mid] >= target)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return Values[Math.Min(lo, Values.Length - 1)];
    }

    /// <summary>Inclusive normalized rank: weight of the items &lt;= <paramref name="value"/>, over n.</summary>
    public double Rank(double value)
    {
        int lo = 0, hi = Values.Length; // first index with an item > value
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Values[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo == 0 ? 0.0 : (double)CumulativeWeights[lo - 1] / N;
    }
}
