namespace Vigil.Statistics.Drift;

/// <summary>
/// The modified Bessel function of the second kind K_nu(x) of order 1/4, for the Cramér-von Mises limiting
/// distribution (scipy calls AMOS <c>kv</c>).
/// </summary>
/// <remarks>
/// Temme's method: for x &lt; 2 his series for K_mu (Temme 1975), for x &gt;= 2 Steed's continued fraction CF2
/// (Thompson and Barnett 1987), as laid out in Numerical Recipes (3rd ed., section 6.6, <c>Bessik</c>). Both
/// converge to a relative error of a few units in the last place; 1/Gamma(1 +- 1/4) are fixed constants.
/// </remarks>
internal static class BesselK
{
    private const double Mu = 0.25;
    private const double Epsilon = 2.220446049250313E-16;
    private const int MaxIterations = 100000;

    // scipy's kv (AMOS zbesk) reports underflow and returns 0 beyond this argument (measured on scipy 1.10.1:
    // kv(0.25, x) = 3.9e-305 just below it). Far beyond any argument that affects a Cramér-von Mises p-value.
    private const double AmosUnderflowArgument = 697.8734319281636;

    // 1/Gamma(1 + mu) and 1/Gamma(1 - mu) for mu = 1/4 (to 21 digits).
    private const double ReciprocalGammaOnePlusMu = 1.10326265132083725744;
    private const double ReciprocalGammaOneMinusMu = 0.816048939098262981077;

    /// <summary>K_{1/4}(x) for x &gt; 0; 0 where it underflows, NaN for x &lt;= 0 or NaN.</summary>
    public static double QuarterOrder(double x)
    {
        if (!(x > 0))
        {
            return double.NaN;
        }

        if (x > AmosUnderflowArgument)
        {
            return 0.0;
        }

        return x < 2.0 ? TemmeSeries(x) : SteedContinuedFraction(x);
    }

    private static double TemmeSeries(double x)
    {
        const double mu2 = Mu * Mu;
        var x2 = 0.5 * x;
        var pimu = Math.PI * Mu;
        var fact = pimu / Math.Sin(pimu);
        var d = -Math.Log(x2);
        var e = Mu * d;
        var fact2 = Math.Abs(e) < Epsilon ? 1.0 : Math.Sinh(e) / e;
        var gam1 = (ReciprocalGammaOneMinusMu - ReciprocalGammaOnePlusMu) / (2 * Mu);
        var gam2 = (ReciprocalGammaOneMinusMu + ReciprocalGammaOnePlusMu) / 2;
        var ff = fact * ((gam1 * Math.Cosh(e)) + (gam2 * fact2 * d));
        var sum = ff;
        e = Math.Exp(e);
        var p = 0.5 * e / ReciprocalGammaOnePlusMu;
        var q = 0.5 / (e * ReciprocalGammaOneMinusMu);
        var c = 1.0;
        d = x2 * x2;
        for (var i = 1; i <= MaxIterations; i++)
        {
            ff = ((i * ff) + p + q) / ((i * (double)i) - mu2);
            c *= d / i;
            p /= i - Mu;
            q /= i + Mu;
            var del = c * ff;
            sum += del;
            if (Math.Abs(del) < Math.Abs(sum) * Epsilon)
            {
                break;
            }
        }

        return sum;
    }

    private static double SteedContinuedFraction(double x)
    {
        const double mu2 = Mu * Mu;
        var b = 2.0 * (1.0 + x);
        var d = 1.0 / b;
        var delh = d;
        var q1 = 0.0;
        var q2 = 1.0;
        var a1 = 0.25 - mu2;
        var q = a1;
        var c = a1;
        var a = -a1;
        var s = 1.0 + (q * delh);
        for (var i = 1; i < MaxIterations; i++)
        {
            a -= 2 * i;
            c = -a * c / (i + 1.0);
            var qnew = (q1 - (b * q2)) / a;
            q1 = q2;
            q2 = qnew;
            q += c * qnew;
            b += 2.0;
            d = 1.0 / (b + (a * d));
            delh = ((b * d) - 1.0) * delh;
            var dels = q * delh;
            s += dels;
            if (Math.Abs(dels / s) < Epsilon)
            {
                break;
            }
        }

        return Math.Sqrt(Math.PI / (2.0 * x)) * Math.Exp(-x) / s;
    }
}
