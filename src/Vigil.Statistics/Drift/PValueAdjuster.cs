namespace Vigil.Statistics.Drift;

/// <summary>Adjusts a family of p-values for multiple comparisons.</summary>
/// <remarks>
/// Bonferroni: <c>p'_i = min(1, m p_i)</c>. Benjamini-Hochberg: with p sorted ascending,
/// <c>p'_(i) = min_{j &gt;= i} min(1, m p_(j) / j)</c>, the adjusted values of statsmodels'
/// <c>multipletests(method="fdr_bh")</c> and R's <c>p.adjust(method="BH")</c>.
/// Comparing adjusted p-values with the threshold is the same decision as the original procedures.
/// </remarks>
public static class PValueAdjuster
{
    /// <summary>Returns the adjusted p-values in the input order.</summary>
    public static double[] Adjust(ReadOnlySpan<double> pValues, PValueCorrection correction)
    {
        var m = pValues.Length;
        var adjusted = pValues.ToArray();
        foreach (var p in pValues)
        {
            if (double.IsNaN(p) || p < 0 || p > 1)
            {
                throw new ArgumentException($"p-values must lie in [0, 1], got {p}.", nameof(pValues));
            }
        }

        switch (correction)
        {
            case PValueCorrection.None:
                break;
            case PValueCorrection.Bonferroni:
                for (var i = 0; i < m; i++)
                {
                    adjusted[i] = Math.Min(1.0, pValues[i] * m);
                }

                break;
            case PValueCorrection.BenjaminiHochberg:
                var order = new int[m];
                for (var i = 0; i < m; i++)
                {
                    order[i] = i;
                }

                var keys = pValues.ToArray();
                Array.Sort(keys, order);
                var running = 1.0;
                for (var rank = m; rank >= 1; rank--)
                {
                    var idx = order[rank - 1];
                    running = Math.Min(running, Math.Min(1.0, pValues[idx] * m / rank));
                    adjusted[idx] = running;
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(correction), correction, "unknown correction.");
        }

        return adjusted;
    }
}
