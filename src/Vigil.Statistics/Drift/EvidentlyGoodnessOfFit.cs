namespace Vigil.Statistics.Drift;

/// <summary>
/// The goodness-of-fit frame Evidently's <c>chisquare</c> and <c>g_test</c> share: observed = current counts,
/// expected = reference counts * (n_current / n_reference), then <c>scipy.stats.power_divergence</c>.
/// </summary>
internal static class EvidentlyGoodnessOfFit
{
    public static (double Statistic, double PValue) Test(BinnedCounts counts, bool logLikelihood)
    {
        var (reference, current) = EvidentlyCategories.Present(counts);
        if (!(counts.ReferenceTotal > 0) || !(counts.CurrentTotal > 0))
        {
            return (double.NaN, double.NaN);
        }

        var scale = counts.CurrentTotal / counts.ReferenceTotal;
        var terms = new double[reference.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            var expected = reference[i] * scale;
            var observed = current[i];
            if (logLikelihood)
            {
                terms[i] = 2.0 * ScipyExact.XLogY(observed, observed / expected);
            }
            else
            {
                var d = observed - expected;
                terms[i] = d * d / expected;
            }
        }

        var statistic = NumpyExact.PairwiseSum(terms);
        return (statistic, ScipyExact.ChiSquareSurvival(statistic, terms.Length - 1));
    }
}
