namespace Vigil.Statistics.Drift;

/// <summary>Pearson's chi-square goodness-of-fit test of current against reference, as Evidently's <c>chisquare</c> test.</summary>
/// <remarks>
/// <para>
/// Formula: over the categories of reference and current together (k of them), observed o_i = current count,
/// expected e_i = r_i * (n_current / n_reference); <c>X2 = sum (o_i - e_i)^2 / e_i</c> and
/// <c>p = chi2.sf(X2, k - 1)</c> (<c>scipy.stats.chisquare(f_obs, f_exp)</c>). It is a goodness-of-fit test,
/// not <c>chi2_contingency</c>: the reference proportions are taken as known.
/// </para>
/// <para>
/// Edge cases as scipy returns them: a category seen only in the current data has e_i = 0, so X2 = +inf and
/// p = 0; a single category gives df = 0, so X2 = 0 and p = NaN (Evidently then reports no drift, NaN &lt; 0.05
/// being false). Drift when p &lt; threshold (default 0.05). Bins empty on both sides are not categories.
/// </para>
/// <para>Reference: Evidently 0.7, <c>evidently/legacy/calculations/stattests/chisquare_stattest.py</c>; scipy 1.10 <c>stats.chisquare</c>.</para>
/// </remarks>
public static class ChiSquareGoodnessOfFit
{
    /// <summary>Evidently's default p-value threshold for <c>chisquare</c>.</summary>
    public const double DefaultThreshold = 0.05;

    /// <summary>Runs the test.</summary>
    /// <param name="counts">Reference and current counts per category.</param>
    /// <returns>The statistic and p-value; both NaN when either side has no values.</returns>
    public static (double Statistic, double PValue) Test(BinnedCounts counts) =>
        EvidentlyGoodnessOfFit.Test(counts, logLikelihood: false);
}
