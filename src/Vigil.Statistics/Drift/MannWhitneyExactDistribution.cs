using System.Buffers;

namespace Vigil.Statistics.Drift;

/// <summary>The exact null distribution of the Mann-Whitney U statistic (no ties).</summary>
/// <remarks>
/// The number of arrangements with U = k is the coefficient of q^k in the Gaussian binomial
/// [m + n choose s]_q = Π_{i=1..s} (1 − q^{L+i}) / (1 − q^i), s = min(m, n), L = max(m, n): partitions of k
/// into at most s parts, each at most L. The same counts f(m, n, k) scipy 1.10's <c>_MWU</c> builds by the
/// recursion f(m, n, k) = f(m − 1, n, k − n) + f(m, n − 1, k), here in O(s · K) time for the K + 1 counts needed
/// (divisions by 1 − q^i are strided prefix sums, products with 1 − q^{L+i} strided differences).
/// Counts are exact 128-bit integers (wrapping arithmetic is exact because every final count is below 2^128)
/// when C(m + n, s) &lt; 2^127; otherwise, which needs s ≤ 8, they are doubles, where the differences lose at
/// most a few digits of 16. As scipy, P(U ≤ k) = Σ_{j ≤ k} f_j / C(m + n, m), summed in order from j = 0.
/// </remarks>
internal static class MannWhitneyExactDistribution
{
    /// <summary>The largest smaller-sample size for which any larger sample is supported (scipy's 'auto' limit).</summary>
    public const int SmallSampleLimit = 8;

    // Up to this many counts the CDF is summed directly as scipy does; beyond, the shorter tail is summed.
    private const long DirectSumLimit = 1 << 16;

    /// <summary>Whether <see cref="Cdf"/> can evaluate the distribution for sample sizes m and n.</summary>
    public static bool IsSupported(int m, int n) =>
        Math.Min(m, n) <= SmallSampleLimit || TryExactBinomial(Math.Max(m, n), Math.Min(m, n), out _);

    /// <summary>P(U ≤ k) for sample sizes m and n, as scipy's <c>_mwu_state.cdf(k, m, n)</c>.</summary>
    public static double Cdf(long k, int m, int n)
    {
        var total = (long)m * n;
        if (k < 0)
        {
            return 0.0;
        }

        k = Math.Min(k, total);
        var s = Math.Min(m, n);
        var large = Math.Max(m, n);
        var exact = TryExactBinomial(large, s, out var exactBinomial);
        if (!exact && s > SmallSampleLimit)
        {
            throw new ArgumentException(
                $"The exact Mann-Whitney distribution is supported when the smaller sample has at most {SmallSampleLimit} values or C(n1 + n2, n1) < 2^127; got sizes {m} and {n}. Use the asymptotic method.");
        }

        var binomial = ScipyBinomial(m + n, m, exact ? (double)exactBinomial : double.NaN);
        var complement = k > (total - 1) / 2 && total > DirectSumLimit;
        var last = complement ? total - k - 1 : k;
        if (last < 0)
        {
            // P(U ≤ n₁n₂) = 1: the complement is an empty sum.
            return 1.0;
        }

        if (last + 1 > Array.MaxLength)
        {
            throw new ArgumentException($"The exact Mann-Whitney distribution for sizes {m} and {n} is too large; use the asymptotic method.");
        }

        var sum = exact ? Sum<UInt128>(s, large, (int)last, binomial) : Sum<double>(s, large, (int)last, binomial);
        return complement ? 1.0 - sum : sum;
    }

    /// <summary>
    /// Counts of rank-sum arrangements by the generating-function recursion, summed into a probability.
    /// UInt128 counts are exact where they fit; double counts serve larger sizes.
    /// </summary>
    private static double Sum<T>(int s, int large, int last, double binomial)
        where T : System.Numerics.INumber<T>
    {
        var length = last + 1;
        var counts = ArrayPool<T>.Shared.Rent(length);
        try
        {
            var c = counts.AsSpan(0, length);
            c.Clear();
            c[0] = T.One;
            for (var i = 1; i <= s && i < length; i++)
            {
                for (var k = i; k < length; k++)
                {
                    c[k] += c[k - i];
                }
            }

            for (var i = 1; i <= s; i++)
            {
                var d = (long)large + i;
                for (var k = length - 1; k >= d; k--)
                {
                    c[k] -= c[k - (int)d];
                }
            }

            var sum = 0.0;
            for (var k = 0; k < length; k++)
            {
                sum += double.CreateTruncating(c[k]) / binomial;
            }

            return sum;
        }
        finally
        {
            ArrayPool<T>.Shared.Return(counts);
        }
    }

    /// <summary>C(large + s, s) exactly, when it is below 2^127.</summary>
    private static bool TryExactBinomial(int large, int s, out UInt128 value)
    {
        var limit = UInt128.One << 127;
        value = UInt128.One;
        for (var i = 1; i <= s; i++)
        {
            // value = C(large + i - 1, i - 1); C(large + i, i) = value * (large + i) / i, exact at each step.
            var factor = (UInt128)(uint)(large + i);
            if (value > limit / factor)
            {
                value = UInt128.Zero;
                return false;
            }

            value = value * factor / (uint)i;
        }

        return value < limit;
    }

    /// <summary>
    /// <c>scipy.special.binom(n, k)</c> for integers: the product loop scipy uses below k = 20 (after k → n − k
    /// when k &gt; n / 2), so rounding matches; otherwise the exact value, rounded once.
    /// </summary>
    private static double ScipyBinomial(int n, int k, double exactRounded)
    {
        double nx = n;
        double kx = k;
        if (kx > nx / 2 && nx > 0)
        {
            kx = nx - kx;
        }

        if (kx >= 20)
        {
            return exactRounded;
        }

        var num = 1.0;
        var den = 1.0;
        for (var i = 1; i <= (int)kx; i++)
        {
            num *= i + nx - kx;
            den *= i;
            if (Math.Abs(num) > 1e50)
            {
                num /= den;
                den = 1.0;
            }
        }

        return num / den;
    }
}
