namespace Vigil.Statistics.Drift;

/// <summary>Hellinger distance, as Evidently's <c>hellinger</c> test computes it.</summary>
/// <remarks>
/// <para>
/// Categorical (counts without edges): shares p_i = r_i / n_ref, q_i = c_i / n_cur over the categories of both
/// sides, Bhattacharyya coefficient <c>BC = sum sqrt(p_i q_i)</c> clipped to [0, 1], <c>H = sqrt(1 - BC)</c>.
/// </para>
/// <para>
/// Numerical (counts with <see cref="BinnedCounts.Edges"/>): Evidently takes <c>numpy.histogram(side, edges,
/// density=True)</c>, h_i = n_i / (e_(i+1) - e_i) / sum(n), and
/// <c>BC = sum sqrt(h1_i h2_i) w</c> with <c>w = (e_k - e_0) / k</c>, then the same clip and square root.
/// Evidently's edges for this test are not those of PSI: they are Sturges edges over the distinct values of
/// reference and current together, whatever the number of distinct values; use
/// <see cref="EvidentlyBinning.BinForHellinger"/> to get them.
/// </para>
/// <para>
/// A distance in [0, 1]: 0 for identical shares, 1 for disjoint supports. Drift when H &gt;= threshold
/// (default 0.1). Empty bins need no fill.
/// </para>
/// <para>Reference: Evidently 0.7, <c>evidently/legacy/calculations/stattests/hellinger_distance.py</c>.</para>
/// </remarks>
public static class Hellinger
{
    /// <summary>Evidently's default drift threshold for Hellinger (drift when H &gt;= 0.1).</summary>
    public const double DefaultThreshold = 0.1;

    /// <summary>Computes the distance over aligned counts.</summary>
    /// <param name="counts">Category counts, or numerical bin counts with edges.</param>
    /// <returns>The distance, or NaN when either side has no values.</returns>
    public static double Distance(BinnedCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        double nRef = counts.ReferenceTotal, nCur = counts.CurrentTotal;
        if (!(nRef > 0) || !(nCur > 0))
        {
            return double.NaN;
        }

        var r = counts.Reference;
        var c = counts.Current;
        var bc = 0.0;
        if (counts.Edges is not { } edges)
        {
            for (var i = 0; i < r.Length; i++)
            {
                bc += Math.Sqrt(r[i] / nRef * (c[i] / nCur));
            }
        }
        else
        {
            var width = (edges[^1] - edges[0]) / (edges.Length - 1);
            for (var i = 0; i < r.Length; i++)
            {
                var db = edges[i + 1] - edges[i];
                var h1 = r[i] / db / nRef;
                var h2 = c[i] / db / nCur;
                bc += Math.Sqrt(h1 * h2) * width;
            }
        }

        return Math.Sqrt(1 - Math.Clamp(bc, 0.0, 1.0));
    }
}
