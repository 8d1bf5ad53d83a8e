namespace Vigil.Statistics.Drift;

/// <summary>
/// Pr(D_n &lt;= d) by Pomeranz's recursion (1974, ACM Algorithm 487): a port of scipy 1.10's
/// <c>_kolmogn_Pomeranz</c>.
/// </summary>
/// <remarks>
/// Each of the 2n + 1 rows is the convolution of the previous row with one of three truncated Poisson
/// weight vectors; only a sliding window of each row is non-zero. The CDF is n! times the last entry of the
/// last row, with power-of-two rescaling against underflow. O(n * (n d)^2) time, O(n d) memory.
/// </remarks>
internal static class KolmogorovPomeranz
{
    private const int Scale = 128;
    private static readonly double Ep128 = Math.ScaleB(1.0, Scale);
    private static readonly double Em128 = Math.ScaleB(1.0, -Scale);

    /// <summary>Pr(D_n &lt;= x), clipped to [0, 1].</summary>
    public static double Cdf(int n, double x)
    {
        var t = n * x;
        var ll = (int)Math.Floor(t);
        var f = 1.0 * (t - ll);
        var g = Math.Min(f, 1.0 - f);
        var ceilf = f > 0 ? 1 : 0;
        var roundf = f > 0.5 ? 1 : 0;
        var npwrs = 2 * (ll + 1);
        var gpower = new double[npwrs];
        var twogpower = new double[npwrs];
        var onem2gpower = new double[npwrs];
        gpower[0] = 1.0;
        twogpower[0] = 1.0;
        onem2gpower[0] = 1.0;
        var expnt = 0;
        double gOverN = g / n, twoGOverN = 2 * g / n, oneMinusTwoGOverN = (1 - (2 * g)) / n;
        for (var m = 1; m < npwrs; m++)
        {
            gpower[m] = gpower[m - 1] * gOverN / m;
            twogpower[m] = twogpower[m - 1] * twoGOverN / m;
            onem2gpower[m] = onem2gpower[m - 1] * oneMinusTwoGOverN / m;
        }

        var v0 = new double[npwrs];
        var v1 = new double[npwrs];
        var conv = new double[2 * npwrs];
        v1[0] = 1;
        int v0s = 0, v1s = 0;
        var (j1, j2) = ComputeJ1J2(0, n, ll, ceilf, roundf);
        for (var i = 1; i < (2 * n) + 2; i++)
        {
            var k1 = j1;
            (v0, v1) = (v1, v0);
            (v0s, v1s) = (v1s, v0s);
            Array.Clear(v1);
            (j1, j2) = ComputeJ1J2(i, n, ll, ceilf, roundf);
            var pwrs = i == 1 || i == (2 * n) + 1 ? gpower : (i % 2 != 0 ? twogpower : onem2gpower);
            var ln2 = j2 - k1 + 1;
            if (ln2 > 0)
            {
                var (aStart, aLength) = PySlice(k1 - v0s, k1 - v0s + ln2, npwrs);
                var (_, bLength) = PySlice(0, ln2, npwrs);
                var convLength = Convolve(v0.AsSpan(aStart, aLength), pwrs.AsSpan(0, bLength), conv);
                var convStart = j1 - k1;
                var convLen = j2 - j1 + 1;
                var (cStart, cLength) = PySlice(convStart, convStart + convLen, convLength);
                conv.AsSpan(cStart, cLength).CopyTo(v1);
                var max = double.NegativeInfinity;
                foreach (var value in v1)
                {
                    max = Math.Max(max, value);
                }

                if (max > 0 && max < Em128)
                {
                    for (var j = 0; j < v1.Length; j++)
                    {
                        v1[j] *= Ep128;
                    }

                    expnt -= Scale;
                }

                v1s = v0s + j1 - k1;
            }
        }

        var ans = v1[PyIndex(n - v1s, npwrs)];
        for (var m = 1; m <= n; m++)
        {
            if (Math.Abs(ans) > Ep128)
            {
                ans *= Em128;
                expnt += Scale;
            }

            ans *= m;
        }

        if (expnt != 0)
        {
            ans = Math.ScaleB(ans, expnt);
        }

        return KolmogorovDistribution.Clip(ans);
    }

    private static (int J1, int J2) ComputeJ1J2(int i, int n, int ll, int ceilf, int roundf)
    {
        int j1, j2;
        if (i == 0)
        {
            j1 = -ll - ceilf - 1;
            j2 = ll + ceilf - 1;
        }
        else
        {
            var ip1div2 = (i + 1) / 2;
            var ip1mod2 = (i + 1) % 2;
            if (ip1mod2 == 0)
            {
                if (ip1div2 == n + 1)
                {
                    j1 = n - ll - ceilf - 1;
                    j2 = n + ll + ceilf - 1;
                }
                else
                {
                    j1 = ip1div2 - 1 - ll - roundf - 1;
                    j2 = ip1div2 + ll - 1 + ceilf - 1;
                }
            }
            else
            {
                j1 = ip1div2 - 1 - ll - 1;
                j2 = ip1div2 + ll + roundf - 1;
            }
        }

        return (Math.Max(j1 + 2, 0), Math.Min(j2, n));
    }

    /// <summary>numpy.convolve(a, b, 'full') into <paramref name="output"/>; returns the output length.</summary>
    private static int Convolve(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> output)
    {
        if (b.Length > a.Length)
        {
            var tmp = a;
            a = b;
            b = tmp;
        }

        var length = a.Length + b.Length - 1;
        for (var k = 0; k < length; k++)
        {
            var lo = Math.Max(0, k - (b.Length - 1));
            var hi = Math.Min(k, a.Length - 1);
            var sum = 0.0;
            for (var i = lo; i <= hi; i++)
            {
                sum += a[i] * b[k - i];
            }

            output[k] = sum;
        }

        return length;
    }

    /// <summary>Python slice [start:stop] over a sequence of <paramref name="length"/> items, as (offset, count).</summary>
    private static (int Start, int Count) PySlice(int start, int stop, int length)
    {
        start = start < 0 ? Math.Max(start + length, 0) : Math.Min(start, length);
        stop = stop < 0 ? Math.Max(stop + length, 0) : Math.Min(stop, length);
        return (start, Math.Max(stop - start, 0));
    }

    private static int PyIndex(int index, int length) => index < 0 ? index + length : index;
}
