namespace Vigil.Statistics.Drift;

/// <summary>The G-test (log-likelihood ratio goodness of fit) of current against reference, as Evidently's <c>g_test</c>.</summary>
/// <remarks>
/// <para>
/// Formula: the same observed and expected counts as <see cref="ChiSquareGoodnessOfFit"/>
/// (o_i = current count, e_i = r_i * n_current / n_reference over the union of categories), and
/// <c>G = sum 2 o_i ln(o_i / e_i)</c> (<c>xlogy</c>, so o_i = 0 contributes 0), <c>p = chi2.sf(G, k - 1)</c>:
/// <c>scipy.stats.power_divergence(f_obs, f_exp, lambda_="log-likelihood")</c>, a goodness-of-fit test, not a
/// contingency test.
/// </para>
/// <para>
/// Edge cases: a category only in the current data gives G = +inf and p = 0; one category gives p = NaN.
/// Drift when p &lt; threshold; Evidently's default threshold for g_test is 0.1.
/// </para>
/// <para>Reference: Evidently 0.7, <c>evidently/legacy/calculations/stattests/g_stattest.py</c>; scipy 1.10 <c>stats.power_divergence</c>.</para>
/// </remarks>
public static class GTest
{
    /// <summary>Evidently's default p-value threshold for <c>g_test</c>.</summary>
    public const double DefaultThreshold = 0.1;

    /// <summary>Runs the test.</summary>
    /// <param name="counts">Reference and current counts per category.</param>
    /// <returns>The statistic and p-value; both NaN when either side has no values.</returns>
    public static (double Statistic, double PValue) Test(BinnedCounts counts) =>
        EvidentlyGoodnessOfFit.Test(counts, logLikelihood: true);
}
