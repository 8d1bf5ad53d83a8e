namespace Vigil.Statistics.Drift;

/// <summary>The pooled two-proportion z-test on a two-category column, as Evidently's <c>z</c> test.</summary>
/// <remarks>
/// <para>
/// Formula: with the categories in bin order, the first is coded 0 and the second 1 (Evidently codes
/// <c>sorted(keys)[0]</c> as 0). p1 = share of the second category in the reference (n1 values), p2 in the
/// current (n2 values), pooled <c>P = (p1 n1 + p2 n2) / (n1 + n2)</c>,
/// <c>z = (p1 - p2) / sqrt(P (1 - P) (1 / n1 + 1 / n2))</c>, two-sided <c>p = 2 (1 - Phi(|z|))</c> with
/// scipy's <c>norm.cdf</c> (so p underflows to 0 beyond |z| of about 8.3, as in Evidently).
/// </para>
/// <para>
/// Assumptions: exactly two categories over reference and current together. When both sides hold one and the
/// same value Evidently returns p = 1 without a statistic; this returns (0, 1). Evidently silently merges a
/// third or later category into the second; this throws instead. Drift when p &lt; threshold (default 0.05).
/// </para>
/// <para>Reference: Evidently 0.7, <c>evidently/legacy/calculations/stattests/z_stattest.py</c>.</para>
/// </remarks>
public static class TwoProportionZTest
{
    /// <summary>Evidently's default p-value threshold for <c>z</c>.</summary>
    public const double DefaultThreshold = 0.05;

    /// <summary>Runs the test.</summary>
    /// <param name="counts">Reference and current counts of the (at most) two categories.</param>
    /// <returns>z and the two-sided p-value; both NaN when either side has no values.</returns>
    /// <exception cref="ArgumentException">No values at all, or more than two categories.</exception>
    public static (double Statistic, double PValue) Test(BinnedCounts counts)
    {
        var binary = EvidentlyCategories.Binary(counts, "The two-proportion z-test");
        double n1 = counts.ReferenceTotal, n2 = counts.CurrentTotal;
        if (!(n1 > 0) || !(n2 > 0))
        {
            return (double.NaN, double.NaN);
        }

        if (binary is not ({ } reference, { } current))
        {
            return (0.0, 1.0);
        }

        var p1 = reference[1] / n1;
        var p2 = current[1] / n2;
        var pooled = ((p1 * n1) + (p2 * n2)) / (n1 + n2);
        var z = (p1 - p2) / Math.Sqrt(pooled * (1 - pooled) * ((1.0 / n1) + (1.0 / n2)));
        return (z, 2 * (1 - ScipyExact.Ndtr(Math.Abs(z))));
    }
}
