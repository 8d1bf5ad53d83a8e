namespace Vigil.Statistics.Drift;

/// <summary>The per-bin shares of Evidently's <c>get_binned_data</c>, with its optional filling of empty bins.</summary>
internal static class EvidentlyShares
{
    /// <summary>Fill for an empty bin when the side's smallest non-zero share is above this.</summary>
    public const double EmptyBinShare = 0.0001;

    /// <summary>
    /// Shares = count / total of each side. With <paramref name="fillZeroes"/> (Evidently's <c>feel_zeroes</c>,
    /// used by PSI and KL), each side's zero shares become 0.0001, or min_nonzero / 1e6 when that side's
    /// smallest non-zero share is at most 0.0001; the shares are not renormalised.
    /// </summary>
    /// <returns>The two share arrays, or <see langword="null"/> when either side has no values.</returns>
    public static (double[] Reference, double[] Current)? Compute(BinnedCounts counts, bool fillZeroes)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (!(counts.ReferenceTotal > 0) || !(counts.CurrentTotal > 0))
        {
            return null;
        }

        var reference = Divide(counts.Reference, counts.ReferenceTotal);
        var current = Divide(counts.Current, counts.CurrentTotal);
        if (fillZeroes)
        {
            FillZeroes(reference);
            FillZeroes(current);
        }

        return (reference, current);
    }

    private static double[] Divide(double[] counts, double total)
    {
        var shares = new double[counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            shares[i] = counts[i] / total;
        }

        return shares;
    }

    private static void FillZeroes(double[] shares)
    {
        var minNonZero = double.PositiveInfinity;
        foreach (var s in shares)
        {
            if (s != 0 && s < minNonZero)
            {
                minNonZero = s;
            }
        }

        var fill = minNonZero <= EmptyBinShare ? minNonZero / 1e6 : EmptyBinShare;
        for (var i = 0; i < shares.Length; i++)
        {
            if (shares[i] == 0)
            {
                shares[i] = fill;
            }
        }
    }
}
