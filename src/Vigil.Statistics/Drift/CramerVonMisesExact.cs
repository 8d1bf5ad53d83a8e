namespace Vigil.Statistics.Drift;

/// <summary>
/// Exact p-value of the two-sample Cramér-von Mises statistic: a port of scipy 1.10's
/// <c>_pval_cvm_2samp_exact</c> (Xiao, Gordon and Yakovlev 2006, Algorithm 1).
/// </summary>
/// <remarks>
/// With L = lcm(m, n), a = L/m, b = L/n, every arrangement of the pooled ranks is a lattice path from (0, 0) to
/// (n, m) and L^2 N U-equivalent (Anderson's T_2) is the sum of (a v - b u)^2 over its points. Frequency tables
/// g(u, v) (value -&gt; number of paths) are built column by column: g(u, v) = (g(u-1, v) merged with g(u, v-1))
/// shifted by (a v - b u)^2. The p-value is the share of the C(N, m) paths whose value reaches
/// zeta = L^2 N (6 U - m n (4 m n - 1)) // (6 (m n)^2), with scipy's float floor division.
/// </remarks>
internal static class CramerVonMisesExact
{
    /// <summary>Pr(U' &gt;= U) under the null for sample sizes <paramref name="m"/> and <paramref name="n"/>.</summary>
    public static double PValue(double s, int m, int n)
    {
        long lcm = Lcm(m, n);
        long a = lcm / m;
        long b = lcm / n;
        long mn = (long)m * n;
        var zetaNumerator = (double)(lcm * lcm * (m + n)) * ((6 * s) - (double)(mn * ((4 * mn) - 1)));
        var zeta = ScipyNumerics.FloorDivide(zetaNumerator, (double)(6 * mn * mn));

        // gs[v] is the table g(u, v) for the current u; tables are sorted by value.
        var gs = new FrequencyTable[m + 1];
        gs[0] = new FrequencyTable([0], [1.0], 1);
        for (var v = 1; v <= m; v++)
        {
            gs[v] = FrequencyTable.Empty;
        }

        for (long u = 0; u <= n; u++)
        {
            var tmp = FrequencyTable.Empty;
            for (var v = 0; v <= m; v++)
            {
                var shift = (a * v) - (b * u);
                tmp = FrequencyTable.MergeAndShift(tmp, gs[v], shift * shift);
                gs[v] = tmp;
            }
        }

        var final = gs[m];
        var hits = 0.0;
        for (var i = 0; i < final.Count; i++)
        {
            if (final.Values[i] >= zeta)
            {
                hits += final.Counts[i];
            }
        }

        return hits / Binomial(m + n, m);
    }

    private static long Lcm(long a, long b)
    {
        long x = a, y = b;
        while (y != 0)
        {
            (x, y) = (y, x % y);
        }

        return a / x * b;
    }

    /// <summary>C(n, k) as the double nearest the exact integer (exact below 2^53).</summary>
    private static double Binomial(int n, int k)
    {
        var result = (UInt128)1;
        k = Math.Min(k, n - k);
        for (var i = 1; i <= k; i++)
        {
            var next = result * (UInt128)(n - k + i);
            if (next / (UInt128)(n - k + i) != result)
            {
                return double.PositiveInfinity;
            }

            result = next / (UInt128)i;
        }

        return (double)result;
    }

    /// <summary>A frequency table: distinct path values ascending, with the number of paths per value.</summary>
    private readonly struct FrequencyTable(long[] values, double[] counts, int count)
    {
        public static readonly FrequencyTable Empty = new([], [], 0);

        public long[] Values { get; } = values;

        public double[] Counts { get; } = counts;

        public int Count { get; } = count;

        /// <summary>The union of two tables (counts added where values coincide), every value increased by <paramref name="shift"/>.</summary>
        public static FrequencyTable MergeAndShift(FrequencyTable x, FrequencyTable y, long shift)
        {
            var values = new long[x.Count + y.Count];
            var counts = new double[x.Count + y.Count];
            int i = 0, j = 0, k = 0;
            while (i < x.Count && j < y.Count)
            {
                var xv = x.Values[i];
                var yv = y.Values[j];
                if (xv == yv)
                {
                    values[k] = xv + shift;
                    counts[k++] = x.Counts[i++] + y.Counts[j++];
                }
                else if (xv < yv)
                {
                    values[k] = xv + shift;
                    counts[k++] = x.Counts[i++];
                }
                else
                {
                    values[k] = yv + shift;
                    counts[k++] = y.Counts[j++];
                }
            }

            for (; i < x.Count; i++)
            {
                values[k] = x.Values[i] + shift;
                counts[k++] = x.Counts[i];
            }

            for (; j < y.Count; j++)
            {
                values[k] = y.Values[j] + shift;
                counts[k++] = y.Counts[j];
            }

            return new FrequencyTable(values, counts, k);
        }
    }
}
