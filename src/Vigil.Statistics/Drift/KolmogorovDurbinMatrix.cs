namespace Vigil.Statistics.Drift;

/// <summary>
/// Pr(D_n &lt;= d) by Durbin's matrix algorithm as evaluated by Marsaglia, Tsang and Wang (2003):
/// a port of scipy 1.10's <c>_kolmogn_DMTW</c>.
/// </summary>
/// <remarks>
/// With d = (k - h)/n, k a positive integer and 0 &lt;= h &lt; 1, the CDF is (n!/n^n) times the (k, k) entry of
/// H^n for an m x m matrix H, m = 2k - 1. H^n is formed by repeated squaring with power-of-two rescaling.
/// Cost O(m^3 log n) time and O(m^2) memory; scipy uses it only while m stays small.
/// References: Durbin (1968); Marsaglia, G., Tsang, W. W., Wang, J. (2003), "Evaluating Kolmogorov's
/// Distribution", Journal of Statistical Software 8(18).
/// </remarks>
internal static class KolmogorovDurbinMatrix
{
    private const int Scale = 128;
    private static readonly double Ep128 = Math.ScaleB(1.0, Scale);
    private static readonly double Em128 = Math.ScaleB(1.0, -Scale);

    /// <summary>Pr(D_n &lt;= d), clipped to [0, 1].</summary>
    public static double Cdf(int n, double d)
    {
        if (d >= 1.0)
        {
            return 1.0;
        }

        var nd = n * d;
        if (nd <= 0.5)
        {
            return 0.0;
        }

        var k = (int)Math.Ceiling(nd);
        var h = k - nd;
        var m = (2 * k) - 1;

        var v = new double[m];
        var w = new double[m];
        var fac = 1.0;
        for (var j = 1; j <= m; j++)
        {
            v[j - 1] = 1.0 - Math.Pow(h, j);
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] *= fac;
        }

        var tt = Math.Pow(Math.Max((2 * h) - 1.0, 0), m) - (2 * Math.Pow(h, m));
        v[m - 1] = (1.0 + tt) * fac;

        // H is row-major m x m.
        var hm = new double[m * m];
        for (var i = 1; i < m; i++)
        {
            for (var r = i - 1; r < m; r++)
            {
                hm[(r * m) + i] = w[r - (i - 1)];
            }
        }

        for (var r = 0; r < m; r++)
        {
            hm[r * m] = v[r];
        }

        for (var c = 0; c < m; c++)
        {
            hm[((m - 1) * m) + c] = v[m - 1 - c];
        }

        var power = new double[m * m];
        for (var i = 0; i < m; i++)
        {
            power[(i * m) + i] = 1.0;
        }

        var scratch = new double[m * m];
        var nn = n;
        var expnt = 0;
        var hExpnt = 0;
        while (nn > 0)
        {
            if (nn % 2 != 0)
            {
                Multiply(power, hm, scratch, m);
                (power, scratch) = (scratch, power);
                expnt += hExpnt;
            }

            Multiply(hm, hm, scratch, m);
            (hm, scratch) = (scratch, hm);
            hExpnt *= 2;
            if (Math.Abs(hm[((k - 1) * m) + (k - 1)]) > Ep128)
            {
                for (var i = 0; i < hm.Length; i++)
                {
                    hm[i] /= Ep128;
                }

                hExpnt += Scale;
            }

            nn /= 2;
        }

        var p = power[((k - 1) * m) + (k - 1)];

        // Multiply by n!/n^n. (scipy switches to long double after the first rescale; the difference is
        // at the level of one rounding and far below the tolerance this port is held to.)
        for (var i = 1; i <= n; i++)
        {
            p = i * p / n;
            if (Math.Abs(p) < Em128)
            {
                p *= Ep128;
                expnt -= Scale;
            }
        }

        if (expnt != 0)
        {
            p = Math.ScaleB(p, expnt);
        }

        return KolmogorovDistribution.Clip(p);
    }

    /// <summary>c = a * b for row-major m x m matrices, each entry summed over the inner index in order (as reference BLAS).</summary>
    private static void Multiply(double[] a, double[] b, double[] c, int m)
    {
        for (var i = 0; i < m; i++)
        {
            var rowA = a.AsSpan(i * m, m);
            var rowC = c.AsSpan(i * m, m);
            rowC.Clear();
            for (var l = 0; l < m; l++)
            {
                var ail = rowA[l];
                var rowB = b.AsSpan(l * m, m);
                for (var j = 0; j < m; j++)
                {
                    rowC[j] += ail * rowB[j];
                }
            }
        }
    }
}
