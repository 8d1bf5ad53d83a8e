namespace Vigil.Statistics.Drift;

/// <summary>
/// A numerical sample with missing values removed, sorted ascending. Sorting once lets every
/// rank- and CDF-based method (KS, Wasserstein, Anderson-Darling, Cramér-von Mises, Mann-Whitney,
/// energy distance, binning) share one O(n log n) pass.
/// </summary>
/// <remarks>NaN and positive or negative infinity are dropped and counted, as Evidently does before any test.</remarks>
public sealed class SortedSample
{
    private readonly double[] _buffer;
    private readonly int _length;
    private double _mean = double.NaN;
    private double _variance = double.NaN;
    private int _distinct = -1;

    private SortedSample(double[] sortedFinite, int length, int dropped)
    {
        _buffer = sortedFinite;
        _length = length;
        DroppedCount = dropped;
    }

    /// <summary>The finite values, ascending.</summary>
    public ReadOnlySpan<double> Values => _buffer.AsSpan(0, _length);

    /// <summary>Number of finite values.</summary>
    public int Count => _length;

    /// <summary>Number of NaN or infinite values that were dropped.</summary>
    public int DroppedCount { get; }

    /// <summary>Arithmetic mean (NaN when empty).</summary>
    public double Mean
    {
        get
        {
            if (double.IsNaN(_mean) && _length > 0)
            {
                ComputeMoments();
            }

            return _mean;
        }
    }

    /// <summary>Population variance (divisor n), as numpy's <c>var</c> with <c>ddof=0</c>.</summary>
    public double PopulationVariance
    {
        get
        {
            if (double.IsNaN(_variance) && _length > 0)
            {
                ComputeMoments();
            }

            return _variance;
        }
    }

    /// <summary>Population standard deviation (divisor n).</summary>
    public double PopulationStandardDeviation => Math.Sqrt(PopulationVariance);

    /// <summary>Sample variance (divisor n - 1); NaN for fewer than two values.</summary>
    public double SampleVariance => _length < 2 ? double.NaN : PopulationVariance * _length / (_length - 1);

    /// <summary>Number of distinct values.</summary>
    public int DistinctCount
    {
        get
        {
            if (_distinct < 0)
            {
                _distinct = CountDistinct(Values);
            }

            return _distinct;
        }
    }

    /// <summary>Copies <paramref name="values"/>, drops NaN and infinities, and sorts.</summary>
    public static SortedSample FromUnsorted(ReadOnlySpan<double> values)
    {
        var buffer = new double[values.Length];
        var n = 0;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                buffer[n++] = v;
            }
        }

        if (n != buffer.Length)
        {
            Array.Resize(ref buffer, n);
        }

        Sorting.DoubleRadixSort.Sort(buffer);
        return new SortedSample(buffer, n, values.Length - n);
    }

    /// <summary>
    /// Takes ownership of <paramref name="values"/> (not copied), drops NaN and infinities and sorts in place.
    /// </summary>
    /// <param name="values">The buffer; only the first <paramref name="length"/> entries are used.</param>
    /// <param name="length">Number of valid entries in <paramref name="values"/>.</param>
    public static SortedSample TakeOwnership(double[] values, int length)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, values.Length);
        var n = 0;
        for (var i = 0; i < length; i++)
        {
            var v = values[i];
            if (double.IsFinite(v))
            {
                values[n++] = v;
            }
        }

        // No trimming copy: the sample keeps the caller's buffer and a length, which saves a column's worth of memory.
        Sorting.DoubleRadixSort.Sort(values.AsSpan(0, n));
        return new SortedSample(values, n, length - n);
    }

    private void ComputeMoments()
    {
        // Two-pass: exact enough for drift statistics and matches numpy's mean/var closely.
        var sum = 0.0;
        foreach (var v in Values)
        {
            sum += v;
        }

        var mean = sum / _length;
        var ss = 0.0;
        foreach (var v in Values)
        {
            var d = v - mean;
            ss += d * d;
        }

        _mean = mean;
        _variance = ss / _length;
    }

    private static int CountDistinct(ReadOnlySpan<double> sorted)
    {
        if (sorted.IsEmpty)
        {
            return 0;
        }

        var distinct = 1;
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] != sorted[i - 1])
            {
                distinct++;
            }
        }

        return distinct;
    }
}
