namespace Vigil.Statistics.Drift;

/// <summary>
/// Survival function of the one-sided one-sample Kolmogorov-Smirnov statistic D+_n: a port of
/// <c>scipy.special.smirnov</c> (scipy 1.10, <c>cephes/kolmogorov.c</c>, P. van Mulbregt), including its
/// double-double evaluation of the Smirnov / Birnbaum-Tingey sum and its choice of upper or lower sum.
/// </summary>
/// <remarks>
/// Pr(D+_n &gt;= x) = x * sum_{v=0}^{floor(n(1-x))} C(n, v) (x + v/n)^(v-1) (1 - x - v/n)^(n-v).
/// References: Birnbaum and Tingey (1951); van Mulbregt, "Computing the Cumulative Distribution Function and
/// Quantiles of the One-sided Kolmogorov-Smirnov Statistic", arXiv:1802.06966.
/// </remarks>
internal static class SmirnovDistribution
{
    private const int MaxComputeN = 1000000;
    private const int UpperSumMaxTerms = 3;
    private const int UpperSumMinN = 10;
    private const int MaxExponent = 960;
    private const double DblEpsilon = 2.220446049250313E-16;

    // cephes MINLOG with DENORMAL: log(2^-1075).
    private const double MinLog = -7.451332191019412076235E2;

    /// <summary><c>scipy.special.smirnov(n, x)</c>: Pr(D+_n &gt;= x).</summary>
    public static double Survival(int n, double x)
    {
        if (double.IsNaN(x) || !(n > 0 && x >= 0.0 && x <= 1.0))
        {
            return double.NaN;
        }

        if (n == 1)
        {
            return 1 - x;
        }

        if (x == 0.0)
        {
            return 1.0;
        }

        if (x == 1.0)
        {
            return 0.0;
        }

        var alpha = ModNX(n, x, out var nxfl, out var nx);
        var n1mxfl = n - nxfl - (alpha == 0 ? 0 : 1);
        var n1mxceil = n - nxfl;
        if (alpha == 0)
        {
            n1mxfl -= 1;
            n1mxceil += 1;
        }

        double sf;
        if (nxfl == 0 || (nxfl == 1 && alpha == 0))
        {
            // x <= 1/n
            var t = Pow2(1, x, n - 1);
            var cdf = x * t;
            sf = 1 - cdf;
            return Math.Clamp(sf, 0.0, 1.0);
        }

        if (-2.0 * n * x * x < MinLog)
        {
            return 0.0;
        }

        if (nxfl >= n - 1)
        {
            sf = Pow2(1, -x, n);
            return Math.Clamp(sf, 0.0, 1.0);
        }

        if (n > MaxComputeN)
        {
            // p ~ e^(-(6nx+1)^2 / 18n)
            var logp = -Math.Pow((6.0 * n * x) + 1, 2) / 18.0 / n;
            if (logp < -Math.Log(2))
            {
                sf = Math.Exp(logp);
            }
            else
            {
                var cdf = -ScipyNumerics.ExpM1(logp);
                sf = 1 - cdf;
            }

            return Math.Clamp(sf, 0.0, 1.0);
        }

        var nUpperTerms = n - n1mxceil + 1;
        var useUpperSum = nUpperTerms <= 1 && x < 0.5;
        useUpperSum = useUpperSum || (n >= UpperSumMinN && nUpperTerms <= UpperSumMaxTerms && x <= 0.5 / Math.Sqrt(n));

        var start = 0;
        var step = 1;
        var nTerms = n1mxfl + 1;
        var vmid = n / 2;
        var cman = DoubleDouble.One;
        var cexpt = 0;
        DoubleDouble aj;
        var ajSum = DoubleDouble.Zero;
        if (useUpperSum)
        {
            start = n;
            step = -1;
            nTerms = n - n1mxceil + 1;
            aj = Pow4(1, x, 1, 0, n - 1);
        }
        else
        {
            var t2 = Pow4(1, -x, 1, 0, n);
            aj = DoubleDouble.Divide(t2, x);
        }

        ajSum = DoubleDouble.Add(ajSum, aj);
        UpdateBinomial(ref cman, ref cexpt, n, 0);
        for (var j = 1; j < nTerms; j++)
        {
            var v = start + (j * step);
            aj = ComputeAv(n, x, v, cman, cexpt);
            if (aj.IsFinite && !aj.IsZero)
            {
                ajSum = DoubleDouble.Add(ajSum, aj);
            }

            if (!aj.IsZero)
            {
                if (4.0 * (nTerms - j) * Math.Abs(aj.Hi) < DblEpsilon * ajSum.Hi && j != nTerms - 1)
                {
                    break;
                }
            }
            else if (j > vmid)
            {
                break;
            }

            UpdateBinomial(ref cman, ref cexpt, n, j);
        }

        var prob = DoubleDouble.Multiply(x, ajSum).Hi;
        sf = step < 0 ? 1 - prob : prob;
        return Math.Clamp(sf, 0.0, 1.0);
    }

    /// <summary>floor(n*x) and the fractional part, computed exactly in double-double.</summary>
    private static double ModNX(int n, double x, out int nxFloor, out double nx)
    {
        var nxD = DoubleDouble.Product(n, x);
        var nxFloorD = DoubleDouble.Floor(nxD);
        var alpha = DoubleDouble.Subtract(nxD, nxFloorD).Hi;
        nxFloor = (int)nxFloorD.Hi;
        if (alpha == 1)
        {
            nxFloor += 1;
            alpha = 0;
        }

        nx = nxD.Hi;
        return alpha;
    }

    private static void UpdateBinomial(ref DoubleDouble cman, ref int cexpt, int n, int j)
    {
        var rat = DoubleDouble.Quotient(n - j, j + 1.0);
        var man2 = DoubleDouble.Multiply(cman, rat);
        man2 = DoubleDouble.Frexp(man2, out var expt);
        cexpt += expt;
        cman = man2;
    }

    /// <summary>a^m for double-double a, trading accuracy for time as cephes' pow_D does.</summary>
    private static DoubleDouble PowD(DoubleDouble a, int m)
    {
        if (m <= 0)
        {
            return m == 0 ? DoubleDouble.One : DoubleDouble.Inverse(PowD(a, -m));
        }

        if (a.IsZero)
        {
            return DoubleDouble.Zero;
        }

        var ans = Math.Pow(a.Hi, m);
        var r = a.Lo / a.Hi;
        var adj = m * r;
        if (Math.Abs(adj) > 1e-8)
        {
            if (Math.Abs(adj) < 1e-4)
            {
                adj += (m * r) * ((m - 1) / 2.0 * r);
            }
            else
            {
                adj = ScipyNumerics.ExpM1(m * ScipyNumerics.Log1P(r));
            }
        }

        return DoubleDouble.Sum(ans, ans * adj);
    }

    private static double Pow2(double a, double b, int m) => PowD(DoubleDouble.Sum(a, b), m).Hi;

    private static double NextPowerOf2(double x)
    {
        var q = Math.ScaleB(x, 1 - 53);
        var l = Math.Abs(q + x);
        if (l == 0)
        {
            l = Math.Abs(x);
        }
        else
        {
            var lint = (int)l;
            if (lint == l)
            {
                l = lint;
            }
        }

        return l;
    }

    /// <summary>a^m as (significand, exponent) so that huge and tiny powers neither overflow nor underflow.</summary>
    private static DoubleDouble Pow2Scaled(DoubleDouble a, int m, out int exponent)
    {
        if (m <= 0)
        {
            if (m == 0)
            {
                exponent = 0;
                return DoubleDouble.One;
            }

            var inner = Pow2Scaled(a, -m, out var aE1);
            var inv = DoubleDouble.Frexp(DoubleDouble.Inverse(inner), out var aE2);
            exponent = -aE1 + aE2;
            return inv;
        }

        var y = DoubleDouble.Frexp(a, out var yE);
        if (m == 1)
        {
            exponent = yE;
            return y;
        }

        var maxExpt = MaxExponent;
        if (m * (y.Hi - 1) / y.Hi < -MaxExponent * Math.Log(2))
        {
            var lg2y = Math.Log(y.Hi) / Math.Log(2);
            var lgAns = m * lg2y;
            if (lgAns <= -MaxExponent)
            {
                maxExpt = (int)(NextPowerOf2((-MaxExponent / lg2y) + 1) / 2);
            }
        }

        DoubleDouble ans;
        int ansE;
        if (m <= maxExpt)
        {
            var ans1 = PowD(y, m);
            ans = DoubleDouble.Frexp(ans1, out ansE);
            exponent = ansE + (m * yE);
            return ans;
        }

        var q = m / maxExpt;
        var r = m % maxExpt;
        var y2r = Pow2Scaled(y, r, out var y2rE);
        var y2m = Pow2Scaled(y, maxExpt, out var y2mE);
        var y2mq = Pow2Scaled(y2m, q, out var y2mqE);
        ans = DoubleDouble.Frexp(DoubleDouble.Multiply(y2r, y2mq), out ansE);
        y2mqE += y2mE * q;
        ansE += y2mqE + y2rE;
        ansE += m * yE;
        exponent = ansE;
        return ans;
    }

    /// <summary>((a+b)/(c+d))^m.</summary>
    private static DoubleDouble Pow4(double a, double b, double c, double d, int m)
    {
        if (m <= 0)
        {
            return m == 0 ? DoubleDouble.One : Pow4(c, d, a, b, -m);
        }

        var aa = DoubleDouble.Sum(a, b);
        var cc = DoubleDouble.Sum(c, d);
        if (aa.IsZero)
        {
            return cc.IsZero ? new DoubleDouble(double.NaN, double.NaN) : DoubleDouble.Zero;
        }

        if (cc.IsZero)
        {
            return aa.Hi < 0 ? new DoubleDouble(double.NegativeInfinity, double.NegativeInfinity) : new DoubleDouble(double.PositiveInfinity, double.PositiveInfinity);
        }

        return PowD(DoubleDouble.Divide(aa, cc), m);
    }

    /// <summary>A_v(n, x) = C(n, v) (1 - x - v/n)^(n-v) (x + v/n)^(v-1), with C(n, v) = cman * 2^cexpt.</summary>
    private static DoubleDouble ComputeAv(int n, double x, int v, DoubleDouble cman, int cexpt)
    {
        var t2x = DoubleDouble.Subtract(DoubleDouble.Quotient(n - v, n), x);
        var t2 = Pow2Scaled(t2x, n - v, out var t2E);
        var t1x = DoubleDouble.Add(DoubleDouble.Quotient(v, n), x);
        var t1 = Pow2Scaled(t1x, v - 1, out var t1E);
        var ans = DoubleDouble.Multiply(t1, t2);
        ans = DoubleDouble.Multiply(ans, cman);
        var ansE = cexpt + t1E + t2E;
        return DoubleDouble.ScaleB(ans, ansE);
    }
}
