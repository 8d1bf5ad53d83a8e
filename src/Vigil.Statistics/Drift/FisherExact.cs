namespace Vigil.Statistics.Drift;

/// <summary>Fisher's exact test on the 2x2 table of a two-category column, as Evidently's <c>fisher_exact</c>.</summary>
/// <remarks>
/// <para>
/// Table (Evidently's <c>generate_fisher2x2_contingency_table</c>, first category coded 0, second 1):
/// <c>[[cur_1, cur_0], [ref_1, ref_0]]</c>; <c>scipy.stats.fisher_exact(table)</c> two-sided. Odds ratio
/// <c>cur_1 ref_0 / (cur_0 ref_1)</c> (+inf when the denominator is 0). The p-value sums the hypergeometric
/// probabilities of the tables no more likely than the observed one (relative tolerance 1e-14), following
/// scipy 1.10's algorithm (mode, binary search for the other tail, Boost's cdf and sf).
/// </para>
/// <para>
/// Assumptions: exactly two categories over reference and current together. With one category Evidently pads
/// the table with an empty placeholder column and scipy returns (NaN, 1): so does this. Evidently also raises
/// when reference and current differ in length; this computes the test for any sizes (the p-value is
/// invariant to which category is coded 1). Drift when p &lt; threshold; Evidently's default threshold for
/// fisher_exact is 0.1.
/// </para>
/// <para>Reference: Evidently 0.7, <c>evidently/legacy/calculations/stattests/fisher_exact_stattest.py</c> and <c>utils.py</c>; scipy 1.10 <c>stats.fisher_exact</c>.</para>
/// </remarks>
public static class FisherExact
{
    /// <summary>Evidently's default p-value threshold for <c>fisher_exact</c>.</summary>
    public const double DefaultThreshold = 0.1;

    private const double Epsilon = 1e-14;
    private const double Gamma = 1 + Epsilon;

    /// <summary>Runs the test.</summary>
    /// <param name="counts">Whole reference and current counts of the (at most) two categories.</param>
    /// <returns>The odds ratio (NaN when a row or column of the table is empty) and the two-sided p-value.</returns>
    /// <exception cref="ArgumentException">No values at all, more than two categories, or counts not whole.</exception>
    public static (double OddsRatio, double PValue) Test(BinnedCounts counts)
    {
        const string method = "Fisher's exact test";
        if (EvidentlyCategories.Binary(counts, method) is not ({ } reference, { } current))
        {
            return (double.NaN, 1.0);
        }

        var c00 = EvidentlyCategories.ToCount(current[1], method);
        var c01 = EvidentlyCategories.ToCount(current[0], method);
        var c10 = EvidentlyCategories.ToCount(reference[1], method);
        var c11 = EvidentlyCategories.ToCount(reference[0], method);
        if (c00 + c01 == 0 || c10 + c11 == 0 || c00 + c10 == 0 || c01 + c11 == 0)
        {
            return (double.NaN, 1.0);
        }

        var oddsRatio = c10 > 0 && c01 > 0 ? (double)(c00 * c11) / (c10 * c01) : double.PositiveInfinity;
        return (oddsRatio, TwoSidedPValue(c00, c00 + c01, c10 + c11, c00 + c10));
    }

    // scipy 1.10 fisher_exact, alternative="two-sided"; X ~ hypergeom(M = n1 + n2, n1, n).
    private static double TwoSidedPValue(long x, long n1, long n2, long n)
    {
        var total = n1 + n2;
        var mode = (long)((double)((n + 1) * (n1 + 1)) / (total + 2));
        var pExact = HypergeometricDistribution.Pmf(x, total, n1, n);
        var pMode = HypergeometricDistribution.Pmf(mode, total, n1, n);
        if (Math.Abs(pExact - pMode) / Math.Max(pExact, pMode) <= Epsilon)
        {
            return 1.0;
        }

        double pValue;
        if (x < mode)
        {
            var pLower = HypergeometricDistribution.Cdf(x, total, n1, n);
            if (HypergeometricDistribution.Pmf(n, total, n1, n) > pExact * Gamma)
            {
                return pLower;
            }

            var guess = BinarySearch(k => -HypergeometricDistribution.Pmf(k, total, n1, n), -pExact * Gamma, mode, n);
            pValue = pLower + HypergeometricDistribution.Sf(guess, total, n1, n);
        }
        else
        {
            var pUpper = HypergeometricDistribution.Sf(x - 1, total, n1, n);
            if (HypergeometricDistribution.Pmf(0, total, n1, n) > pExact * Gamma)
            {
                return pUpper;
            }

            var guess = BinarySearch(k => HypergeometricDistribution.Pmf(k, total, n1, n), pExact * Gamma, 0, mode);
            pValue = pUpper + HypergeometricDistribution.Cdf(guess, total, n1, n);
        }

        return Math.Min(pValue, 1.0);
    }

    // scipy's _binary_search_for_binom_tst: the i in [lo, hi] with a(i) <= d < a(i + 1), a ascending.
    private static long BinarySearch(Func<long, double> a, double d, long lo, long hi)
    {
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var midValue = a(mid);
            if (midValue < d)
            {
                lo = mid + 1;
            }
            else if (midValue > d)
            {
                hi = mid - 1;
            }
            else
            {
                return mid;
            }
        }

        return a(lo) <= d ? lo : lo - 1;
    }
}
