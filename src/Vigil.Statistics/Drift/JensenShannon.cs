namespace Vigil.Statistics.Drift;

/// <summary>Jensen-Shannon distance, as Evidently's <c>jensenshannon</c> test computes it.</summary>
/// <remarks>
/// <para>
/// Formula: <c>scipy.spatial.distance.jensenshannon(r, c)</c> with the natural logarithm:
/// <c>p = r / sum(r)</c>, <c>q = c / sum(c)</c>, <c>m = (p + q) / 2</c>,
/// <c>JS = sqrt((sum rel_entr(p, m) + sum rel_entr(q, m)) / 2)</c>. r and c are the shares (count / side total)
/// without Evidently's empty-bin fill.
/// </para>
/// <para>
/// Assumptions: bins as for PSI. The square root of the divergence, so a distance: symmetric, in
/// [0, sqrt(ln 2)] = [0, 0.8326]. Drift when JS &gt;= threshold (default 0.1).
/// </para>
/// <para>Reference: Evidently 0.7, <c>evidently/legacy/calculations/stattests/jensenshannon.py</c>; scipy 1.10 <c>spatial.distance.jensenshannon</c>.</para>
/// </remarks>
public static class JensenShannon
{
    /// <summary>Evidently's default drift threshold for Jensen-Shannon (drift when JS &gt;= 0.1).</summary>
    public const double DefaultThreshold = 0.1;

    /// <summary>Computes the distance over aligned counts.</summary>
    /// <param name="counts">Reference and current counts per bin.</param>
    /// <returns>The distance, or NaN when either side has no values (as Evidently returns for an empty side).</returns>
    public static double Distance(BinnedCounts counts)
    {
        if (EvidentlyShares.Compute(counts, fillZeroes: false) is not ({ } r, { } c))
        {
            return double.NaN;
        }

        var sumR = NumpyExact.PairwiseSum(r);
        var sumC = NumpyExact.PairwiseSum(c);
        var left = new double[r.Length];
        var right = new double[r.Length];
        for (var i = 0; i < r.Length; i++)
        {
            var p = r[i] / sumR;
            var q = c[i] / sumC;
            var m = (p + q) / 2.0;
            left[i] = ScipyExact.RelEntr(p, m);
            right[i] = ScipyExact.RelEntr(q, m);
        }

        var js = NumpyExact.PairwiseSum(left) + NumpyExact.PairwiseSum(right);
        return Math.Sqrt(js / 2.0);
    }
}
