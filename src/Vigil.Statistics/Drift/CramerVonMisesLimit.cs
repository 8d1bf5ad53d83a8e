namespace Vigil.Statistics.Drift;

/// <summary>
/// The limiting (n = infinity) CDF of the one-sample Cramér-von Mises statistic: a port of scipy 1.10's
/// <c>_cdf_cvm_inf</c>.
/// </summary>
/// <remarks>
/// V(x) = sum_k Gamma(k + 1/2) / (Gamma(k + 1) pi^(3/2) sqrt(x)) sqrt(4k + 1) e^(-q_k) K_{1/4}(q_k),
/// q_k = (4k + 1)^2 / (16 x) (Csörgő and Faraway 1996, eq. 1.2 and 1.3), summed until a term falls below 1e-7
/// as scipy does (so V is accurate to roughly 1e-7, and not meant for x &gt; 4 where V is within 1e-7 of 1).
/// </remarks>
internal static class CramerVonMisesLimit
{
    private const double TermTolerance = 1e-7;
    private static readonly double PiPow15 = Math.Pow(Math.PI, 1.5);

    /// <summary>V(x) for x &gt; 0.</summary>
    public static double Cdf(double x)
    {
        var total = 0.0;
        var sqrtX = Math.Sqrt(x);

        // Gamma(k + 1/2) / Gamma(k + 1), starting at sqrt(pi) for k = 0.
        var gammaRatio = Math.Sqrt(Math.PI);
        for (var k = 0; ; k++)
        {
            if (k > 0)
            {
                gammaRatio *= (k - 0.5) / k;
            }

            var u = gammaRatio / (PiPow15 * sqrtX);
            var y = (4 * k) + 1;
            var q = (double)y * y / (16 * x);
            var besselK = BesselK.QuarterOrder(q);
            var z = u * Math.Sqrt(y) * Math.Exp(-q) * besselK;
            total += z;
            if (!(Math.Abs(z) >= TermTolerance))
            {
                return total;
            }
        }
    }
}
