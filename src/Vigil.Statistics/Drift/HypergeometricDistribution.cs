namespace Vigil.Statistics.Drift;

/// <summary>
/// The hypergeometric distribution in scipy's parameterisation (population M, n successes in it, N draws):
/// pmf through Loader's saddle-point expansion (relative error near machine precision for any M), cdf and
/// sf summed outward from the evaluated point exactly as Boost (and so scipy 1.10) does.
/// </summary>
/// <remarks>
/// Loader, C. (2000), "Fast and accurate computation of binomial probabilities":
/// pmf(x) = b(x; n, p) b(N - x; M - n, p) / b(N; M, p) with p = N / M, each binomial term written as
/// exp(-stirlerr and deviance terms) so nothing cancels.
/// </remarks>
internal static class HypergeometricDistribution
{
    private const double LnTwoPi = 1.837877066409345483560659472811;
    private const double MachineEpsilon = 2.220446049250313e-16; // DBL_EPSILON, Boost's tools::epsilon<double>()
    private const double SmallestNormal = 2.2250738585072014e-308; // DBL_MIN

    // stirlerr(k) = ln(k!) - ln(sqrt(2 pi k) (k / e)^k), k = 0..15, computed to 60 digits with Python's decimal.
    private static readonly double[] StirlingErrors =
    [
        0.0, 0.08106146679532726, 0.0413406959554093, 0.02767792568499834, 0.020790672103765093,
        0.016644691189821193, 0.013876128823070748, 0.01189670994589177, 0.010411265261972096,
        0.009255462182712733, 0.00833056343336287, 0.007573675487951841, 0.00694284010720953,
        0.006408994188004207, 0.0059513701127588475, 0.005554733551962801,
    ];

    /// <summary>P(X = k) for X ~ hypergeom(M, n, N); 0 outside the support.</summary>
    public static double Pmf(long k, long total, long successes, long draws)
    {
        if (k < Lower(total, successes, draws) || k > Upper(successes, draws))
        {
            return 0;
        }

        if (draws == 0)
        {
            return 1;
        }

        double m = total;
        var p = draws / m;
        var q = (total - draws) / m;
        var p1 = BinomialTerm(k, successes, p, q);
        var p2 = BinomialTerm(draws - k, total - successes, p, q);
        var p3 = BinomialTerm(draws, total, p, q);
        return p1 * p2 / p3;
    }

    /// <summary>P(X &lt;= k), as scipy's <c>hypergeom.cdf</c>.</summary>
    public static double Cdf(long k, long total, long successes, long draws)
    {
        if (k < Lower(total, successes, draws))
        {
            return 0;
        }

        return k >= Upper(successes, draws) ? 1 : BoostCdf(k, total, successes, draws, invert: false);
    }

    /// <summary>P(X &gt; k), as scipy's <c>hypergeom.sf</c>.</summary>
    public static double Sf(long k, long total, long successes, long draws)
    {
        if (k < Lower(total, successes, draws))
        {
            return 1;
        }

        return k >= Upper(successes, draws) ? 0 : BoostCdf(k, total, successes, draws, invert: true);
    }

    private static long Lower(long total, long successes, long draws) => Math.Max(0, draws - (total - successes));

    private static long Upper(long successes, long draws) => Math.Min(successes, draws);

    // Boost's hypergeometric_cdf_imp (r = successes, n = draws, N = total): sums the pmf from x towards the
    // nearer end of the support by the term ratio, and takes 1 - the other tail when x is past the mode.
    private static double BoostCdf(long x, long total, long r, long n, bool invert)
    {
        var mode = Math.Floor((double)(r + 1) * (double)(n + 1) / (total + 2));
        double result = 0;
        if (x < mode)
        {
            result = Pmf(x, total, r, n);
            var diff = result;
            var lowerLimit = Math.Max(0, n + r - total);
            while (diff > (invert ? 1.0 : result) * MachineEpsilon)
            {
                diff = (double)x * (double)(total + x - n - r) * diff / ((double)(1 + n - x) * (double)(1 + r - x));
                result += diff;
                if (x == lowerLimit)
                {
                    break;
                }

                x--;
            }
        }
        else
        {
            invert = !invert;
            var upperLimit = Math.Min(r, n);
            if (x != upperLimit)
            {
                x++;
                result = Pmf(x, total, r, n);
                var diff = result;
                while (x <= upperLimit && diff > (invert ? 1.0 : result) * MachineEpsilon)
                {
                    diff = (double)(n - x) * (double)(r - x) * diff / ((double)(x + 1) * (double)(total + x + 1 - n - r));
                    result += diff;
                    x++;
                }
            }
        }

        return invert ? 1 - result : result;
    }

    // Loader's dbinom_raw: P(Binomial(n, p) = x) with q = 1 - p given separately.
    private static double BinomialTerm(long x, long n, double p, double q)
    {
        if (p == 0)
        {
            return x == 0 ? 1 : 0;
        }

        if (q == 0)
        {
            return x == n ? 1 : 0;
        }

        if (x == 0)
        {
            if (n == 0)
            {
                return 1;
            }

            return Math.Exp(p < 0.1 ? -Deviance(n, n * q) - (n * p) : n * Math.Log(q));
        }

        if (x == n)
        {
            return Math.Exp(q < 0.1 ? -Deviance(n, n * p) - (n * q) : n * Math.Log(p));
        }

        if (x < 0 || x > n)
        {
            return 0;
        }

        if (p == q && x > n - x)
        {
            // Symmetric case: evaluate one canonical form so pmf(x) and pmf(n - x) agree bit for bit.
            x = n - x;
        }

        var lc = StirlingError(n) - StirlingError(x) - StirlingError(n - x) - Deviance(x, n * p) - Deviance(n - x, n * q);
        var lf = LnTwoPi + Math.Log(x) + Log1p(-(double)x / n);
        return Math.Exp(lc - (0.5 * lf));
    }

    private static double StirlingError(long n)
    {
        if (n < StirlingErrors.Length)
        {
            return StirlingErrors[n];
        }

        const double s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188;
        double x = n;
        var nn = x * x;
        if (n > 500)
        {
            return (s0 - (s1 / nn)) / x;
        }

        if (n > 80)
        {
            return (s0 - ((s1 - (s2 / nn)) / nn)) / x;
        }

        if (n > 35)
        {
            return (s0 - ((s1 - ((s2 - (s3 / nn)) / nn)) / nn)) / x;
        }

        return (s0 - ((s1 - ((s2 - ((s3 - (s4 / nn)) / nn)) / nn)) / nn)) / x;
    }

    // Deviance term x ln(x / np) + np - x, by its series when x is close to np.
    private static double Deviance(double x, double np)
    {
        if (Math.Abs(x - np) < 0.1 * (x + np))
        {
            var v = (x - np) / (x + np);
            var s = (x - np) * v;
            if (Math.Abs(s) < SmallestNormal)
            {
                return s;
            }

            var ej = 2 * x * v;
            v *= v;
            for (var j = 1; j < 1000; j++)
            {
                ej *= v;
                var s1 = s + (ej / ((2 * j) + 1));
                if (s1 == s)
                {
                    return s1;
                }

                s = s1;
            }
        }

        return (x * Math.Log(x / np)) + np - x;
    }

    private static double Log1p(double x)
    {
        var u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }
}
