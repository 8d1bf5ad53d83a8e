namespace Vigil.Statistics.Drift;

/// <summary>Kullback-Leibler divergence KL(reference || current), as Evidently's <c>kl_div</c> test computes it.</summary>
/// <remarks>
/// <para>
/// Formula: <c>scipy.stats.entropy(r, c) = sum_i p_i ln(p_i / q_i)</c> with <c>p = r / sum(r)</c> and
/// <c>q = c / sum(c)</c>, where r and c are Evidently's filled shares (zeros replaced by 0.0001, or
/// min_nonzero / 1e6 when min_nonzero &lt;= 0.0001). Evidently does not renormalise after the fill, but scipy's
/// <c>entropy</c> does, so the divergence is of the renormalised vectors. Argument order: reference first
/// (the divergence of the reference from the current).
/// </para>
/// <para>Assumptions: bins as for PSI. A distance: drift when KL &gt;= threshold (default 0.1).</para>
/// <para>Reference: Evidently 0.7, <c>evidently/legacy/calculations/stattests/kl_div.py</c>; scipy 1.10 <c>stats.entropy</c>.</para>
/// </remarks>
public static class KullbackLeibler
{
    /// <summary>Evidently's default drift threshold for KL (drift when KL &gt;= 0.1).</summary>
    public const double DefaultThreshold = 0.1;

    /// <summary>Computes the divergence over aligned counts.</summary>
    /// <param name="counts">Reference and current counts per bin.</param>
    /// <returns>The divergence in nats, or NaN when either side has no values.</returns>
    public static double Compute(BinnedCounts counts)
    {
        if (EvidentlyShares.Compute(counts, fillZeroes: true) is not ({ } r, { } c))
        {
            return double.NaN;
        }

        var sumR = NumpyExact.PairwiseSum(r);
        var sumC = NumpyExact.PairwiseSum(c);
        var terms = new double[r.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = ScipyExact.RelEntr(r[i] / sumR, c[i] / sumC);
        }

        return NumpyExact.PairwiseSum(terms);
    }
}
