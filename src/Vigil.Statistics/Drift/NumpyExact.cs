namespace Vigil.Statistics.Drift;

/// <summary>
/// Floating-point operations carried out in the exact order numpy 1.24 uses, so that sums and
/// bin edges agree with numpy bit for bit rather than only to within rounding.
/// </summary>
internal static class NumpyExact
{
    private const int PairwiseBlockSize = 128;

    /// <summary>
    /// <c>numpy.sum</c> of a contiguous float64 array: numpy's pairwise summation (eight partial sums
    /// inside blocks of at most 128 values, halves split on multiples of eight).
    /// </summary>
    public static double PairwiseSum(ReadOnlySpan<double> a)
    {
        var n = a.Length;
        if (n < 8)
        {
            var res = 0.0;
            for (var i = 0; i < n; i++)
            {
                res += a[i];
            }

            return res;
        }

        if (n <= PairwiseBlockSize)
        {
            double r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3], r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7];
            var i = 8;
            for (; i < n - (n % 8); i += 8)
            {
                r0 += a[i];
                r1 += a[i + 1];
                r2 += a[i + 2];
                r3 += a[i + 3];
                r4 += a[i + 4];
                r5 += a[i + 5];
                r6 += a[i + 6];
                r7 += a[i + 7];
            }

            var res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++)
            {
                res += a[i];
            }

            return res;
        }

        var n2 = n / 2;
        n2 -= n2 % 8;
        return PairwiseSum(a[..n2]) + PairwiseSum(a[n2..]);
    }

    /// <summary>
    /// <c>numpy.linspace(start, stop, num, endpoint=True)</c>: <c>step = (stop - start) / (num - 1)</c>,
    /// <c>y[i] = i * step + start</c> (two roundings, no fused multiply-add) and <c>y[num - 1] = stop</c>.
    /// </summary>
    /// <param name="start">First value.</param>
    /// <param name="stop">Last value.</param>
    /// <param name="num">Number of values, at least 2.</param>
    public static double[] Linspace(double start, double stop, int num)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(num, 2);
        var y = new double[num];
        var div = num - 1;
        var delta = stop - start;
        var step = delta / div;
        if (step == 0)
        {
            // numpy's path for denormal steps (gh-5437): divide first, then scale.
            for (var i = 0; i < num; i++)
            {
                var t = (double)i / div;
                t *= delta;
                y[i] = t + start;
            }
        }
        else
        {
            for (var i = 0; i < num; i++)
            {
                var t = i * step;
                y[i] = t + start;
            }
        }

        y[num - 1] = stop;
        return y;
    }
}
