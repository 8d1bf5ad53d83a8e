namespace Vigil.Statistics.Drift;

/// <summary>
/// The Pelz-Good approximation to Pr(D_n &lt;= x): a port of scipy 1.10's <c>_kolmogn_PelzGood</c>.
/// </summary>
/// <remarks>
/// Li-Chien and Korolyuk's expansion Pr(D_n &lt;= x) ~ K0(z) + K1(z)/sqrt(n) + K2(z)/n + K3(z)/n^1.5 with
/// z = x sqrt(n), each term rewritten through Jacobi theta identities into sums of q^(k^2), q = e^(-pi^2/(8 z^2)),
/// which converge fast for small z. Reference: Pelz, W., Good, I. J. (1976), "Approximating the Lower Tail-areas
/// of the Kolmogorov-Smirnov One-sample Statistic", JRSS B 38(2).
/// </remarks>
internal static class KolmogorovPelzGood
{
    private const double MinLog = -708;
    private static readonly double Sqrt2Pi = Math.Sqrt(2 * Math.PI);
    private static readonly double Sqrt3 = Math.Sqrt(3);
    private static readonly double PiSquared = Math.Pow(Math.PI, 2);
    private static readonly double PiFour = Math.Pow(Math.PI, 4);
    private static readonly double PiSix = Math.Pow(Math.PI, 6);

    /// <summary>The approximate CDF (not clipped; the caller clips 1 - CDF).</summary>
    public static double Cdf(int n, double x)
    {
        if (x <= 0.0)
        {
            return 0.0;
        }

        if (x >= 1.0)
        {
            return 1.0;
        }

        var z = Math.Sqrt(n) * x;
        var zsquared = z * z;
        var zthree = Math.Pow(z, 3);
        var zfour = Math.Pow(z, 4);
        var zsix = Math.Pow(z, 6);

        var qlog = -PiSquared / 8 / zsquared;
        if (qlog < MinLog)
        {
            return 0.0;
        }

        var q = Math.Exp(qlog);

        var k1a = -zsquared;
        var k1b = PiSquared / 4;

        var k2a = (6 * zsix) + (2 * zfour);
        var k2b = ((2 * zfour) - (5 * zsquared)) * PiSquared / 4;
        var k2c = PiFour * (1 - (2 * zsquared)) / 16;

        var k3d = PiSix * (5 - (30 * zsquared)) / 64;
        var k3c = PiFour * ((-60 * zsquared) + (212 * zfour)) / 16;
        var k3b = PiSquared * ((135 * zfour) - (96 * zsix)) / 4;
        var k3a = (-30 * zsix) - (90 * Math.Pow(z, 8));

        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        var maxk = (int)Math.Ceiling(16 * z / Math.PI);
        for (var k = maxk; k > 0; k--)
        {
            var m = (2L * k) - 1;
            var msquared = (double)(m * m);
            var mfour = (double)(m * m * m * m);
            var msix = (double)(m * m * m * m * m * m);
            var qpower = Math.Pow(q, 8 * k);
            s0 = (s0 * qpower) + 1.0;
            s1 = (s1 * qpower) + (k1a + (k1b * msquared));
            s2 = (s2 * qpower) + (k2a + (k2b * msquared) + (k2c * mfour));
            s3 = (s3 * qpower) + (k3a + (k3b * msquared) + (k3c * mfour) + (k3d * msix));
        }

        s0 *= q;
        s1 *= q;
        s2 *= q;
        s3 *= q;
        s0 *= Sqrt2Pi;
        s1 *= Sqrt2Pi;
        s2 *= Sqrt2Pi;
        s3 *= Sqrt2Pi;
        s0 /= z;
        s1 /= 6 * zfour;
        s2 /= 72 * Math.Pow(z, 7);
        s3 /= 6480 * Math.Pow(z, 10);

        // The remaining sums over all k: K2 gets (pi^2 k^2) q^(k^2), K3 gets (3 pi^2 k^2 z^2 - pi^4 k^4) q^(k^2).
        q = Math.Exp(-PiSquared / 2 / zsquared);
        var sqrt3z = Sqrt3 * z;
        Span<double> k2Terms = maxk <= 64 ? stackalloc double[maxk] : new double[maxk];
        Span<double> k3Terms = maxk <= 64 ? stackalloc double[maxk] : new double[maxk];
        for (var idx = 0; idx < maxk; idx++)
        {
            var k = maxk - idx;
            var ksquared = (double)((long)k * k);
            var kspi = Math.PI * k;
            var qpwer = Math.Pow(q, ksquared);
            k2Terms[idx] = ksquared * qpwer;
            k3Terms[idx] = (sqrt3z + kspi) * (sqrt3z - kspi) * ksquared * qpwer;
        }

        var k2extra = NumpyExact.PairwiseSum(k2Terms);
        k2extra *= PiSquared * Sqrt2Pi / (-36 * zthree);
        s2 += k2extra;
        var k3extra = NumpyExact.PairwiseSum(k3Terms);
        k3extra *= PiSquared * Sqrt2Pi / (216 * zsix);
        s3 += k3extra;

        double n1 = n;
        s1 /= Math.Pow(n1, 0.5);
        s2 /= Math.Pow(n1, 1.0);
        s3 /= Math.Pow(n1, 1.5);
        s0 /= Math.Pow(n1, 0.0);

        return 0 + s0 + s1 + s2 + s3;
    }
}
