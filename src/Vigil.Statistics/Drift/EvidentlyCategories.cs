namespace Vigil.Statistics.Drift;

/// <summary>
/// The categories Evidently's categorical tests iterate over: the distinct non-missing values of reference and
/// current together, so bins that are empty on both sides are not categories.
/// </summary>
internal static class EvidentlyCategories
{
    /// <summary>Reference and current counts of the bins with at least one value on either side, in bin order.</summary>
    public static (double[] Reference, double[] Current) Present(BinnedCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var k = 0;
        for (var i = 0; i < counts.BinCount; i++)
        {
            if (counts.Reference[i] + counts.Current[i] > 0)
            {
                k++;
            }
        }

        var reference = new double[k];
        var current = new double[k];
        var j = 0;
        for (var i = 0; i < counts.BinCount; i++)
        {
            if (counts.Reference[i] + counts.Current[i] > 0)
            {
                reference[j] = counts.Reference[i];
                current[j] = counts.Current[i];
                j++;
            }
        }

        return (reference, current);
    }

    /// <summary>
    /// The two categories of a binary test, or <see langword="null"/> when only one category occurs (both sides
    /// constant and equal, where Evidently short-cuts to p = 1).
    /// </summary>
    /// <exception cref="ArgumentException">No category at all, or more than two.</exception>
    public static (double[] Reference, double[] Current)? Binary(BinnedCounts counts, string method)
    {
        var (reference, current) = Present(counts);
        return reference.Length switch
        {
            2 => (reference, current),
            1 => null,
            0 => throw new ArgumentException($"{method} needs values on at least one side; both are empty.", nameof(counts)),
            _ => throw new ArgumentException(
                $"{method} needs exactly 2 categories (reference and current together) but got {reference.Length}.", nameof(counts)),
        };
    }

    /// <summary>Converts a count to an integer, as the exact tests need.</summary>
    /// <exception cref="ArgumentException">The count is negative, not whole, or not finite.</exception>
    public static long ToCount(double value, string method)
    {
        if (!(value >= 0) || value != Math.Floor(value) || value > 9.007199254740992e15)
        {
            throw new ArgumentException($"{method} needs whole, non-negative counts; got {value:R}.", "counts");
        }

        return (long)value;
    }
}
