namespace Vigil.Statistics.Drift;

/// <summary>
/// Exact null distribution of the two-sample Kolmogorov-Smirnov statistic for continuous data (no ties):
/// a port of scipy 1.10's <c>_attempt_exact_2kssamp</c> and the lattice-path counts it calls.
/// </summary>
/// <remarks>
/// D is first snapped to h / lcm(n1, n2) with h = round(D * lcm). Two-sided: for n1 = n2 the reflection
/// formula <c>_compute_prob_outside_square</c>, otherwise Hodges' inside method in Viehmann's 1 - p form
/// (<c>_compute_outer_prob_inside_method</c>). One-sided: for n1 = n2 the product binom(2n, n-h)/binom(2n, n),
/// otherwise the count of paths that cross the boundary (<c>_count_paths_outside_method</c>) over binom(n1+n2, n1).
/// References: Hodges, J. L. (1958), "The Significance Probability of the Smirnov Two-Sample Test", Arkiv för
/// Matematik 3; Viehmann, T. (2021), arXiv:2102.08037.
/// </remarks>
internal static class KolmogorovSmirnovExact
{
    /// <summary>
    /// Snaps <paramref name="d"/> to the lattice and tries the exact p-value. Returns false where scipy's attempt
    /// fails (overflow, or a probability outside [0, 1]) and scipy would switch to the asymptotic method; the snapped
    /// <paramref name="d"/> is kept either way, as scipy does.
    /// </summary>
    public static bool TryPValue(int n1, int n2, long g, ref double d, KsAlternative alternative, out double prob)
    {
        var lcm = (n1 / g) * n2;
        var h = (long)Math.Round(d * lcm, MidpointRounding.ToEven);
        d = h * 1.0 / lcm;
        if (h == 0)
        {
            prob = 1.0;
            return true;
        }

        if (alternative == KsAlternative.TwoSided)
        {
            prob = n1 == n2 ? ProbabilityOutsideSquare(n1, h) : OuterProbabilityInsideMethod(n1, n2, g, h);
        }
        else if (n1 == n2)
        {
            // binom(2n, n-h) / binom(2n, n) as a product of ratios, like scipy (the ratios first, then their product).
            prob = 1.0;
            for (var j = 0L; j < h; j++)
            {
                prob *= (n1 - j) / (n1 + j + 1.0);
            }
        }
        else
        {
            var binomials = new LatticeBinomial(n1 + (long)n2);
            var total = binomials.Binom(n1 + (long)n2, n1);
            if (double.IsInfinity(total))
            {
                prob = double.NaN;
                return false;
            }

            var numPaths = CountPathsOutside(n1, n2, g, h, binomials);
            if (!double.IsFinite(numPaths) || numPaths > total)
            {
                prob = double.NaN;
                return false;
            }

            prob = numPaths / total;
        }

        return prob >= 0 && prob <= 1;
    }

    /// <summary>Pr(D_{n,n} &gt;= h/n) = 2 * (A0 - A0 A1 + A0 A1 A2 - ...) evaluated Horner-style (scipy's form).</summary>
    internal static double ProbabilityOutsideSquare(long n, long h)
    {
        var p = 0.0;
        var k = (long)Math.Floor(n / (double)h);
        while (k >= 0)
        {
            var p1 = 1.0;
            for (var j = 0L; j < h; j++)
            {
                p1 = (n - (k * h) - j) * p1 / (n + (k * h) + j + 1);
            }

            p = p1 * (1.0 - p);
            k--;
        }

        return 2 * p;
    }

    /// <summary>
    /// The proportion of lattice paths from (0, 0) to (m, n) that leave the band |x/m - y/n| &lt; h/lcm, computed
    /// column by column as 1 - p over a sliding window (O(n) memory, O(m * window) time).
    /// </summary>
    internal static double OuterProbabilityInsideMethod(long m, long n, long g, long h)
    {
        if (m < n)
        {
            (m, n) = (n, m);
        }

        var mg = m / g;
        var ng = n / g;
        var minj = 0L;
        var maxj = Math.Min((long)Math.Ceiling(h / (double)mg), n + 1);
        var curlen = maxj - minj;
        var lenA = (int)Math.Min((2 * maxj) + 2, n + 1);
        var a = new double[lenA];
        a.AsSpan().Fill(1.0);
        a.AsSpan(0, (int)Math.Min(maxj, lenA)).Clear();
        for (var i = 1L; i <= m; i++)
        {
            var lastminj = minj;
            var lastlen = curlen;
            minj = Math.Max((long)Math.Floor(((ng * i) - h) / (double)mg) + 1, 0);
            minj = Math.Min(minj, n);
            maxj = Math.Min((long)Math.Ceiling(((ng * i) + h) / (double)mg), n + 1);
            if (maxj <= minj)
            {
                return 1.0;
            }

            var val = minj == 0 ? 0.0 : 1.0;
            var width = (int)(maxj - minj);
            var shift = (int)(minj - lastminj);
            for (var jj = 0; jj < width; jj++)
            {
                var j = jj + minj;
                val = ((a[jj + shift] * i) + (val * j)) / (i + j);
                a[jj] = val;
            }

            curlen = maxj - minj;
            if (lastlen > curlen)
            {
                // Carried-over cells above the window are "already outside": reset them to 1.
                var from = (int)Math.Min(maxj - minj, lenA);
                var to = (int)Math.Min(maxj - minj + (lastlen - curlen), lenA);
                a.AsSpan(from, to - from).Fill(1.0);
            }
        }

        return a[(int)(maxj - minj - 1)];
    }

    /// <summary>
    /// The number of lattice paths from (0, 0) to (m, n) that reach m*y &lt;= n*x - h*g (Hodges' outside count);
    /// non-finite when the count overflows, where scipy raises and falls back.
    /// </summary>
    internal static double CountPathsOutside(long m, long n, long g, long h, LatticeBinomial binomials)
    {
        if (m < n)
        {
            (m, n) = (n, m);
        }

        var mg = m / g;
        var ng = n / g;
        var lxj = n + FloorDiv(mg - h, mg);
        if (lxj <= 0)
        {
            return binomials.Binom(m + n, n);
        }

        var count = (int)lxj;
        var xj = new long[count];
        for (var j = 0; j < count; j++)
        {
            xj[j] = FloorDiv(h + (mg * j) + ng - 1, ng);
        }

        var b = new double[count];
        b[0] = 1;
        for (var j = 1; j < count; j++)
        {
            var bj = binomials.Binom(xj[j] + j, j);
            for (var i = 0; i < j; i++)
            {
                var bin = binomials.Binom(xj[j] - xj[i] + j - i, j - i);
                bj -= bin * b[i];
            }

            if (!double.IsFinite(bj))
            {
                return double.NaN;
            }

            b[j] = bj;
        }

        var numPaths = 0.0;
        for (var j = 0; j < count; j++)
        {
            var bin = binomials.Binom(m - xj[j] + (n - j), n - j);
            numPaths += b[j] * bin;
        }

        return numPaths;
    }

    private static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q;
    }
}
