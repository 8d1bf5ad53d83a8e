namespace Vigil.Statistics.Drift;

/// <summary>Population Stability Index, as Evidently's <c>psi</c> test computes it.</summary>
/// <remarks>
/// <para>
/// Formula: <c>PSI = sum_i (r_i - c_i) ln(r_i / c_i)</c>, where r and c are the reference and current shares
/// (count / side total) after Evidently's empty-bin fill: zeros become 0.0001, or min_nonzero / 1e6 when that
/// side's smallest non-zero share is at most 0.0001, without renormalisation. The sum is numpy's pairwise sum.
/// </para>
/// <para>
/// Assumptions: the bins come from <see cref="EvidentlyBinning.Bin"/> (numerical) or
/// <see cref="BinnedCounts.FromCategories"/> (categorical). PSI is a distance: Evidently reports drift when
/// PSI &gt;= threshold (default 0.1). Always &gt;= 0 (each term is).
/// </para>
/// <para>Reference: Evidently 0.7, <c>evidently/legacy/calculations/stattests/psi.py</c> and <c>utils.get_binned_data</c>.</para>
/// </remarks>
public static class PopulationStabilityIndex
{
    /// <summary>Evidently's default drift threshold for PSI (drift when PSI &gt;= 0.1).</summary>
    public const double DefaultThreshold = 0.1;

    /// <summary>Computes PSI over aligned counts.</summary>
    /// <param name="counts">Reference and current counts per bin.</param>
    /// <returns>The index, or NaN when either side has no values (as Evidently returns for an empty side).</returns>
    public static double Compute(BinnedCounts counts)
    {
        if (EvidentlyShares.Compute(counts, fillZeroes: true) is not ({ } r, { } c))
        {
            return double.NaN;
        }

        var terms = new double[r.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = (r[i] - c[i]) * Math.Log(r[i] / c[i]);
        }

        return NumpyExact.PairwiseSum(terms);
    }
}
