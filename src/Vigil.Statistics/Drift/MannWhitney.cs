using MathNet.Numerics;

namespace Vigil.Statistics.Drift;

/// <summary>The Mann-Whitney U (Wilcoxon rank-sum) test of two independent samples.</summary>
/// <remarks>
/// <para>
/// Statistic: U₁ = R₁ − n₁(n₁ + 1)/2, with R₁ the sum of the reference sample's midranks in the pooled sample;
/// equivalently the number of pairs (x, y) with x &gt; y plus half the pairs with x = y. U₂ = n₁n₂ − U₁.
/// The p-value uses U = U₁ (greater), U₂ (less) or max(U₁, U₂) doubled (two-sided), always as the survival
/// function P(U' ≥ U), then is clipped to [0, 1].
/// </para>
/// <para>
/// Exact: the permutation distribution of U without ties (<see cref="MannWhitneyExactDistribution"/>); scipy
/// truncates a half-integer U to an integer first. Asymptotic: z = (U − n₁n₂/2 − ½) / σ with the continuity
/// correction (without it, no ½), σ² = n₁n₂/12 · ((n + 1) − Σ(t³ − t) / (n(n − 1))) over the tie groups of sizes t,
/// and p = 1 − Φ(z). 'Auto' takes exact when a sample has at most 8 values and there are no ties (scipy's rule).
/// Two identical constant samples give σ = 0: p = 1 with the continuity correction and NaN without, as in scipy.
/// </para>
/// <para>
/// Computed by one merge walk over the sorted samples (midranks and tie groups without a rank array), O(n₁ + n₂);
/// the exact distribution costs O(s · s·L/2) time and memory for sample sizes s ≤ L.
/// </para>
/// <para>
/// Assumptions: independent samples, ordinal data; the asymptotic p-value needs both samples of moderate size.
/// </para>
/// <para>
/// Evidently 0.7 (<c>mannw</c>): <c>mannwhitneyu(x=reference, y=current, alternative="less")[1]</c> with scipy's
/// defaults (method 'auto', continuity correction): a one-sided test for a current distribution shifted up. The
/// p-value is the drift score, drift when p &lt; threshold (default 0.05).
/// </para>
/// <para>
/// References: H. B. Mann and D. R. Whitney, Ann. Math. Statist. 18 (1947) 50-60; scipy 1.10
/// <c>stats.mannwhitneyu</c>.
/// </para>
/// </remarks>
public static class MannWhitney
{
    private const double Sqrt1Over2 = 0.70710678118654752440;

    /// <summary>
    /// <c>scipy.stats.mannwhitneyu(x=reference, y=current, use_continuity, alternative, method)</c>: the U
    /// statistic of the reference sample (U₁) and the p-value.
    /// </summary>
    /// <param name="sortedReference">Reference values (x), sorted ascending, no NaN (infinities are ranked).</param>
    /// <param name="sortedCurrent">Current values (y), sorted ascending, no NaN.</param>
    /// <param name="alternative">The alternative hypothesis.</param>
    /// <param name="method">Exact, asymptotic, or scipy's automatic choice.</param>
    /// <param name="useContinuity">Whether the asymptotic p-value applies the continuity correction.</param>
    /// <returns>U₁ and the p-value in [0, 1] (NaN only for zero variance without the continuity correction).</returns>
    /// <exception cref="ArgumentException">
    /// A sample is empty, unsorted or contains NaN; or <see cref="MannWhitneyMethod.Exact"/> was asked for sizes
    /// the exact distribution does not support (both samples above 8 values and C(n₁ + n₂, n₁) ≥ 2^127).
    /// </exception>
    public static (double U, double PValue) UTest(
        ReadOnlySpan<double> sortedReference,
        ReadOnlySpan<double> sortedCurrent,
        MannWhitneyAlternative alternative = MannWhitneyAlternative.TwoSided,
        MannWhitneyMethod method = MannWhitneyMethod.Auto,
        bool useContinuity = true)
    {
        SortedSpanGuard.Check(sortedReference, nameof(sortedReference));
        SortedSpanGuard.Check(sortedCurrent, nameof(sortedCurrent));
        if (!Enum.IsDefined(alternative))
        {
            throw new ArgumentOutOfRangeException(nameof(alternative));
        }

        if (!Enum.IsDefined(method))
        {
            throw new ArgumentOutOfRangeException(nameof(method));
        }

        int n1 = sortedReference.Length, n2 = sortedCurrent.Length;
        var (twiceU1, tieTerm) = RankSums(sortedReference, sortedCurrent);
        if (method == MannWhitneyMethod.Auto)
        {
            method = (n1 > MannWhitneyExactDistribution.SmallSampleLimit && n2 > MannWhitneyExactDistribution.SmallSampleLimit) || tieTerm != 0
                ? MannWhitneyMethod.Asymptotic
                : MannWhitneyMethod.Exact;
        }

        if (method == MannWhitneyMethod.Exact && !MannWhitneyExactDistribution.IsSupported(n1, n2))
        {
            throw new ArgumentException(
                $"The exact Mann-Whitney distribution is supported when a sample has at most {MannWhitneyExactDistribution.SmallSampleLimit} values or C(n1 + n2, n1) < 2^127; got sizes {n1} and {n2}.",
                nameof(method));
        }

        var product = (long)n1 * n2;
        var u1 = twiceU1 / 2.0;
        var u2 = product - u1;
        var (u, factor) = alternative switch
        {
            MannWhitneyAlternative.Greater => (u1, 1.0),
            MannWhitneyAlternative.Less => (u2, 1.0),
            _ => (Math.Max(u1, u2), 2.0),
        };

        double p;
        if (method == MannWhitneyMethod.Exact)
        {
            // scipy: _mwu_state.sf(U.astype(int), n1, n2) = cdf(n1 n2 - U).
            p = MannWhitneyExactDistribution.Cdf(product - (long)Math.Truncate(u), n1, n2);
        }
        else
        {
            p = NormalSurvival(StandardizedU(u, n1, n2, tieTerm, useContinuity));
        }

        p *= factor;
        return (u1, double.IsNaN(p) ? p : Math.Clamp(p, 0.0, 1.0));
    }

    /// <summary>
    /// 2·U₁ (an integer: U₁ counts pairs x &gt; y plus half the ties x = y) and Σ(t³ − t) over the pooled tie groups,
    /// by one merge walk.
    /// </summary>
    private static (long TwiceU1, Int128 TieTerm) RankSums(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n1 = x.Length, n2 = y.Length;
        int i = 0, j = 0;
        long twiceU1 = 0;
        Int128 tieTerm = 0;
        while (i < n1 || j < n2)
        {
            var z = j >= n2 || (i < n1 && x[i] <= y[j]) ? x[i] : y[j];
            var f1 = 0;
            while (i < n1 && x[i] == z)
            {
                i++;
                f1++;
            }

            var yBelow = j;
            while (j < n2 && y[j] == z)
            {
                j++;
            }

            var f2 = j - yBelow;
            twiceU1 += (long)f1 * ((2L * yBelow) + f2);
            Int128 t = f1 + f2;
            tieTerm += (t * t * t) - t;
        }

        return (twiceU1, tieTerm);
    }

    /// <summary>scipy's <c>_get_mwu_z</c>, operation by operation.</summary>
    private static double StandardizedU(double u, int n1, int n2, Int128 tieTerm, bool continuity)
    {
        var product = (long)n1 * n2;
        var mu = product / 2.0;
        var n = (long)n1 + n2;
        var s = Math.Sqrt(product / 12.0 * ((n + 1) - ((double)tieTerm / (double)(n * (n - 1)))));
        var numerator = u - mu;
        if (continuity)
        {
            numerator -= 0.5;
        }

        return numerator / s;
    }

    /// <summary><c>scipy.stats.norm.sf(z)</c> = cephes <c>ndtr(−z)</c>: erf near 0, erfc in the tails.</summary>
    private static double NormalSurvival(double z)
    {
        if (double.IsNaN(z))
        {
            return double.NaN;
        }

        var x = -z * Sqrt1Over2;
        var absX = Math.Abs(x);
        if (absX < Sqrt1Over2)
        {
            return 0.5 + (0.5 * SpecialFunctions.Erf(x));
        }

        var y = 0.5 * SpecialFunctions.Erfc(absX);
        return x > 0 ? 1.0 - y : y;
    }
}
