using System.Globalization;

namespace Vigil.Statistics.Drift;

/// <summary>
/// Evidently's binning of a numerical column for PSI, Kullback-Leibler and Jensen-Shannon
/// (<c>get_binned_data</c> in <c>evidently/legacy/calculations/stattests/utils.py</c>), with numpy 1.24's
/// Sturges edges and histogram counts reproduced bit for bit.
/// </summary>
/// <remarks>
/// <para>
/// Rule: when the reference has more than 20 distinct values, the edges are
/// <c>numpy.histogram_bin_edges(concat(reference, current), bins="sturges")</c> and each side is counted
/// with <c>numpy.histogram(side, edges)</c>; otherwise there is one bin per distinct value of reference and
/// current together. Categorical columns always take the second branch
/// (<see cref="BinnedCounts.FromCategories"/>).
/// </para>
/// <para>
/// Sturges (numpy): <c>width = (max - min) / (log2(n) + 1)</c>, <c>bins = ceil((last - first) / width)</c>,
/// edges = <c>linspace(first, last, bins + 1)</c>, with <c>[first, last] = [min, max]</c> widened to
/// <c>[min - 0.5, max + 0.5]</c> when min = max (then width is 0 and there is one bin). The division is done
/// in floating point, so a power-of-two n can give one bin more than <c>log2(n) + 1</c> (n = 64 gives 8).
/// </para>
/// <para>
/// Counts (numpy, explicit edges): bin i holds the values in <c>[e_i, e_(i+1))</c>, the last bin
/// <c>[e_(k-1), e_k]</c>; values outside <c>[e_0, e_k]</c> are not counted. A value exactly on an interior
/// edge goes to the bin on its right.
/// </para>
/// </remarks>
public static class EvidentlyBinning
{
    /// <summary>Evidently's threshold: more than this many distinct reference values means Sturges bins.</summary>
    public const int MaxDistinctForValueBins = 20;

    /// <summary>Bins a numerical column as Evidently's <c>get_binned_data</c> does.</summary>
    /// <param name="reference">The reference sample (finite values, sorted).</param>
    /// <param name="current">The current sample (finite values, sorted).</param>
    /// <returns>
    /// Sturges bins (with <see cref="BinnedCounts.Edges"/> and interval labels) when the reference has more than
    /// 20 distinct values; otherwise one bin per distinct value, labelled with the value in "R" invariant format
    /// and without edges.
    /// </returns>
    public static BinnedCounts Bin(SortedSample reference, SortedSample current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        if (reference.DistinctCount > MaxDistinctForValueBins)
        {
            var r = reference.Values;
            var c = current.Values;
            var min = r[0];
            var max = r[^1];
            if (!c.IsEmpty)
            {
                min = Math.Min(min, c[0]);
                max = Math.Max(max, c[^1]);
            }

            return BinOver(SturgesEdges(min, max, (long)r.Length + c.Length), r, c);
        }

        return BinByValue(reference.Values, current.Values);
    }

    /// <summary>
    /// Bins a numerical column as Evidently's <c>hellinger</c> test does: Sturges edges over the distinct values
    /// of reference and current together (<c>histogram_bin_edges(keys, "sturges")</c>, n = number of distinct
    /// values, whatever the reference's distinct count), each side counted over those edges.
    /// </summary>
    /// <param name="reference">The reference sample (finite values, sorted).</param>
    /// <param name="current">The current sample (finite values, sorted).</param>
    /// <returns>Counts with <see cref="BinnedCounts.Edges"/>, for <see cref="Hellinger.Distance"/>.</returns>
    public static BinnedCounts BinForHellinger(SortedSample reference, SortedSample current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        var r = reference.Values;
        var c = current.Values;
        if (r.IsEmpty && c.IsEmpty)
        {
            return BinOver(SturgesEdges(0, 0, 0), r, c);
        }

        double min, max;
        if (r.IsEmpty || c.IsEmpty)
        {
            var only = r.IsEmpty ? c : r;
            (min, max) = (only[0], only[^1]);
        }
        else
        {
            (min, max) = (Math.Min(r[0], c[0]), Math.Max(r[^1], c[^1]));
        }

        return BinOver(SturgesEdges(min, max, CountDistinctUnion(r, c)), r, c);
    }

    /// <summary>
    /// <c>numpy.histogram_bin_edges(data, bins="sturges")</c> for data with the given minimum, maximum and
    /// size, with numpy 1.24's floating-point arithmetic.
    /// </summary>
    /// <param name="min">Smallest value of the data.</param>
    /// <param name="max">Largest value of the data.</param>
    /// <param name="count">Number of values; 0 gives numpy's edges for empty data, [0, 1].</param>
    /// <returns>The bin edges, ascending, bins + 1 of them.</returns>
    /// <exception cref="ArgumentException">min or max is not finite, max &lt; min, or max - min overflows.</exception>
    public static double[] SturgesEdges(double min, double max, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return NumpyExact.Linspace(0, 1, 2);
        }

        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            throw new ArgumentException($"min and max must be finite; got [{min:R}, {max:R}].", nameof(min));
        }

        if (max < min)
        {
            throw new ArgumentException($"max ({max:R}) must not be below min ({min:R}).", nameof(max));
        }

        var first = min;
        var last = max;
        if (first == last)
        {
            first -= 0.5;
            last += 0.5;
        }

        var width = (max - min) / (Math.Log2(count) + 1.0);
        var bins = 1;
        if (width != 0)
        {
            var raw = Math.Ceiling((last - first) / width);
            if (!double.IsFinite(raw))
            {
                throw new ArgumentException($"The range [{min:R}, {max:R}] overflows double precision.", nameof(max));
            }

            bins = checked((int)raw);
        }

        return NumpyExact.Linspace(first, last, bins + 1);
    }

    /// <summary>
    /// <c>numpy.histogram(values, edges)[0]</c> for ascending values, in one walk over values and edges.
    /// </summary>
    /// <param name="sortedValues">Finite values in ascending order.</param>
    /// <param name="edges">Bin edges in non-decreasing order, at least two.</param>
    /// <returns>The count per bin (edges.Length - 1 bins).</returns>
    /// <exception cref="ArgumentException">Fewer than two edges, edges decreasing or NaN, or values not ascending.</exception>
    public static double[] HistogramCounts(ReadOnlySpan<double> sortedValues, ReadOnlySpan<double> edges)
    {
        if (edges.Length < 2)
        {
            throw new ArgumentException("At least two bin edges are needed.", nameof(edges));
        }

        for (var i = 0; i < edges.Length; i++)
        {
            if (double.IsNaN(edges[i]) || (i > 0 && edges[i] < edges[i - 1]))
            {
                throw new ArgumentException("Bin edges must be non-decreasing and not NaN.", nameof(edges));
            }
        }

        for (var i = 1; i < sortedValues.Length; i++)
        {
            if (!(sortedValues[i - 1] <= sortedValues[i]))
            {
                throw new ArgumentException($"Values must be ascending; index {i} breaks the order.", nameof(sortedValues));
            }
        }

        // numpy: cum[i] = searchsorted(values, edges[i], 'left') for all but the last edge, which uses 'right';
        // counts = diff(cum).
        var counts = new double[edges.Length - 1];
        var n = sortedValues.Length;
        var p = 0;
        var previous = 0;
        for (var i = 0; i < edges.Length; i++)
        {
            var e = edges[i];
            if (i < edges.Length - 1)
            {
                while (p < n && sortedValues[p] < e)
                {
                    p++;
                }
            }
            else
            {
                while (p < n && sortedValues[p] <= e)
                {
                    p++;
                }
            }

            if (i > 0)
            {
                counts[i - 1] = p - previous;
            }

            previous = p;
        }

        return counts;
    }

    private static BinnedCounts BinOver(double[] edges, ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var labels = new string[edges.Length - 1];
        for (var i = 0; i < labels.Length; i++)
        {
            var close = i == labels.Length - 1 ? ']' : ')';
            labels[i] = string.Create(CultureInfo.InvariantCulture, $"[{edges[i]:R}, {edges[i + 1]:R}{close}");
        }

        return new BinnedCounts(HistogramCounts(reference, edges), HistogramCounts(current, edges), labels, edges);
    }

    /// <summary>One bin per distinct value of the two sorted samples together (pandas value_counts over the union).</summary>
    internal static BinnedCounts BinByValue(ReadOnlySpan<double> r, ReadOnlySpan<double> c)
    {
        var bins = CountDistinctUnion(r, c);
        var labels = new string[bins];
        var refCounts = new double[bins];
        var curCounts = new double[bins];
        int i = 0, j = 0, b = 0;
        while (i < r.Length || j < c.Length)
        {
            var v = j >= c.Length || (i < r.Length && r[i] <= c[j]) ? r[i] : c[j];
            var ri = i;
            while (i < r.Length && r[i] == v)
            {
                i++;
            }

            var cj = j;
            while (j < c.Length && c[j] == v)
            {
                j++;
            }

            labels[b] = v.ToString("R", CultureInfo.InvariantCulture);
            refCounts[b] = i - ri;
            curCounts[b] = j - cj;
            b++;
        }

        return new BinnedCounts(refCounts, curCounts, labels);
    }

    /// <summary>Distinct values of the two sorted samples together (pandas concat(...).nunique()).</summary>
    internal static int CountDistinctUnion(ReadOnlySpan<double> r, ReadOnlySpan<double> c)
    {
        int i = 0, j = 0, distinct = 0;
        while (i < r.Length || j < c.Length)
        {
            var v = j >= c.Length || (i < r.Length && r[i] <= c[j]) ? r[i] : c[j];
            while (i < r.Length && r[i] == v)
            {
                i++;
            }

            while (j < c.Length && c[j] == v)
            {
                j++;
            }

            distinct++;
        }

        return distinct;
    }
}
