namespace Vigil.Statistics.Drift;

/// <summary>
/// Survival function of the two-sided one-sample Kolmogorov-Smirnov statistic D_n for finite n:
/// a port of <c>scipy.stats.kstwo.sf</c> (scipy 1.10, <c>_ksstats._kolmogn</c>), which follows
/// Simard and L'Ecuyer's choice of method by n and n*d^2.
/// </summary>
/// <remarks>
/// Regions, as in scipy: Ruben-Gambino closed forms for d &lt;= 1/n and d &gt;= 1 - 1/n; twice the
/// one-sided Smirnov survival for d &gt;= 0.5 (exact there); for n &lt;= 140 the Durbin matrix
/// (Marsaglia-Tsang-Wang) when n d^2 &lt;= 0.754693, Pomeranz when n d^2 &lt;= 4, else 2 * Smirnov
/// (Miller); for n &gt; 140 zero when n d^2 &gt;= 370, 2 * Smirnov when n d^2 &gt;= 2.2, else
/// 1 - CDF by the Durbin matrix (n &lt;= 100000 and n d^1.5 &lt;= 1.4) or Pelz-Good.
/// Reference: Simard, R., L'Ecuyer, P. (2011), "Computing the Two-Sided Kolmogorov-Smirnov Distribution",
/// Journal of Statistical Software 39(11).
/// </remarks>
internal static class KolmogorovDistribution
{
    // Bernoulli-number coefficients of Stirling's series, B_{2j}/(2j)/(2j-1) for j = 8..1 (scipy's _STIRLING_COEFFS).
    private static readonly double[] StirlingCoefficients =
    [
        -2.955065359477124183e-2, 6.4102564102564102564e-3,
        -1.9175269175269175269e-3, 8.4175084175084175084e-4,
        -5.952380952380952381e-4, 7.9365079365079365079e-4,
        -2.7777777777777777778e-3, 8.3333333333333333333e-2,
    ];

    private static readonly double Log2Pi = Math.Log(2 * Math.PI);

    /// <summary><c>scipy.stats.kstwo.sf(d, n)</c>, including the distribution's support rule (1 for d &lt;= 0.5/n, 0 for d &gt;= 1).</summary>
    public static double Survival(int n, double d)
    {
        if (n < 1 || double.IsNaN(d))
        {
            return double.NaN;
        }

        if (d <= 0.5 / n)
        {
            return 1.0;
        }

        if (d >= 1.0)
        {
            return 0.0;
        }

        return Clip(SurvivalCore(n, d));
    }

    /// <summary>The sf branch of <c>_kolmogn(n, x, cdf=False)</c>.</summary>
    private static double SurvivalCore(int n, double x)
    {
        var t = n * x;
        if (t <= 1.0)
        {
            // Ruben-Gambino: 1/2n <= x <= 1/n, CDF = n!/n^n (2t - 1)^n
            if (t <= 0.5)
            {
                return 1.0;
            }

            double prob;
            if (n <= 140)
            {
                prob = 1.0;
                var rn = 1.0 / n;
                var f = (2 * t) - 1;
                for (var i = 1; i <= n; i++)
                {
                    prob *= i * rn * f;
                }
            }
            else
            {
                prob = Math.Exp(LogNFactorialDivNPowN(n) + (n * Math.Log((2 * t) - 1)));
            }

            return Clip(1.0 - prob);
        }

        if (t >= n - 1)
        {
            // Ruben-Gambino: SF = 2 (1 - x)^n
            return Clip(2 * Math.Pow(1.0 - x, n));
        }

        if (x >= 0.5)
        {
            return Clip(2 * SmirnovDistribution.Survival(n, x));
        }

        var nxSquared = t * x;
        if (n <= 140)
        {
            if (nxSquared <= 0.754693)
            {
                return Clip(1.0 - KolmogorovDurbinMatrix.Cdf(n, x));
            }

            if (nxSquared <= 4)
            {
                return Clip(1.0 - KolmogorovPomeranz.Cdf(n, x));
            }

            return Clip(2 * SmirnovDistribution.Survival(n, x));
        }

        if (nxSquared >= 370.0)
        {
            return 0.0;
        }

        if (nxSquared >= 2.2)
        {
            return Clip(2 * SmirnovDistribution.Survival(n, x));
        }

        var cdf = n <= 100000 && n * Math.Pow(x, 1.5) <= 1.4
            ? KolmogorovDurbinMatrix.Cdf(n, x)
            : KolmogorovPelzGood.Cdf(n, x);
        return Clip(1.0 - cdf);
    }

    /// <summary>log(n! / n^n) by Stirling's series with n log n removed up front (scipy's _log_nfactorial_div_n_pow_n).</summary>
    private static double LogNFactorialDivNPowN(int n)
    {
        var rn = 1.0 / n;
        var x = rn / n;
        var poly = 0.0;
        foreach (var c in StirlingCoefficients)
        {
            poly = (poly * x) + c;
        }

        return (Math.Log(n) / 2) - n + (Log2Pi / 2) + (rn * poly);
    }

    internal static double Clip(double p) => double.IsNaN(p) ? p : Math.Clamp(p, 0.0, 1.0);
}
