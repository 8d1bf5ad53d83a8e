namespace Vigil.Statistics.Drift;

/// <summary>The two-sample Anderson-Darling test (Scholz and Stephens' k-sample test with k = 2).</summary>
/// <remarks>
/// <para>
/// Statistic: the midrank version A²akN of Scholz and Stephens (1987, eq. 7), which handles ties. Over the
/// distinct values z_j of the pooled sample (N values), with l_j the pooled count of z_j,
/// B_j = (pooled count below z_j) + l_j / 2 and M_ij = (count of sample i at or below z_j) − f_ij / 2:
/// A²akN = (N − 1) / N · Σ_i (1 / n_i) Σ_j (l_j / N) (N M_ij − B_j n_i)² / (B_j (N − B_j) − N l_j / 4).
/// The returned statistic is the standardized T = (A²akN − (k − 1)) / σ_N with the exact null variance σ_N² of
/// Scholz and Stephens (eq. 4).
/// </para>
/// <para>
/// P-value ("significance level"): as <c>scipy.stats.anderson_ksamp</c> 1.10 computes it, a quadratic
/// least-squares fit of ln(significance) on the seven critical values of Scholz and Stephens' Table 2
/// (for k = 2: 0.325, 1.226, 1.961, 2.718, 3.752, 4.592, 6.546 at 0.25 … 0.001), evaluated at T.
/// Below the smallest critical value it is capped at 0.25, above the largest floored at 0.001 (scipy warns);
/// inside, the fitted curve itself runs from about 0.2457 to 0.00101.
/// </para>
/// <para>
/// Assumptions: continuous or discrete data (midranks make ties harmless), independent samples. The p-value
/// is an interpolation and only meaningful in [0.001, 0.25].
/// </para>
/// <para>
/// Evidently 0.7 (<c>anderson</c>): <c>anderson_ksamp([reference, current])[2]</c>, the p-value is the drift
/// score, drift when p &lt; threshold (default 0.1).
/// </para>
/// <para>Reference: F. W. Scholz and M. A. Stephens, "K-Sample Anderson-Darling Tests", JASA 82 (1987) 918-924.</para>
/// </remarks>
public static class AndersonDarling
{
    private static readonly double[] Significance = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];

    // Scholz and Stephens, Table 2 interpolation coefficients, as in scipy 1.10.
    private static readonly double[] B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
    private static readonly double[] B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
    private static readonly double[] B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];

    private static readonly double[] Critical = CriticalValuesForTwoSamples();
    private static readonly double[] LogSignificanceFit = QuadraticLeastSquares.Fit(Critical, LogOf(Significance));

    /// <summary>
    /// <c>scipy.stats.anderson_ksamp([reference, current], midrank=True)</c>: the standardized statistic and
    /// its significance level (p-value), capped to [0.001, 0.25] as scipy 1.10 does.
    /// </summary>
    /// <param name="sortedReference">Reference values, sorted ascending, no NaN.</param>
    /// <param name="sortedCurrent">Current values, sorted ascending, no NaN.</param>
    /// <returns>
    /// The statistic and p-value. Both are NaN when the pooled sample has fewer than two distinct values
    /// (scipy raises ValueError) or fewer than four values (scipy returns NaN for three and fails for two).
    /// </returns>
    /// <exception cref="ArgumentException">A sample is empty, unsorted or contains NaN.</exception>
    public static (double Statistic, double PValue) KSample(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedCurrent)
    {
        SortedSpanGuard.Check(sortedReference, nameof(sortedReference));
        SortedSpanGuard.Check(sortedCurrent, nameof(sortedCurrent));

        var n1 = sortedReference.Length;
        var n2 = sortedCurrent.Length;
        var n = n1 + n2;
        var a2kn = MidrankStatistic(sortedReference, sortedCurrent, out var distinct);
        if (distinct < 2 || n < 4)
        {
            return (double.NaN, double.NaN);
        }

        var statistic = (a2kn - 1) / Math.Sqrt(NullVariance(n1, n2));
        return (statistic, SignificanceLevel(statistic));
    }

    /// <summary>A²akN (Scholz and Stephens eq. 7) for two samples, by one merge walk over the distinct values.</summary>
    private static double MidrankStatistic(ReadOnlySpan<double> x, ReadOnlySpan<double> y, out int distinct)
    {
        int n1 = x.Length, n2 = y.Length, n = n1 + n2;
        double bigN = n;
        var sum1 = default(NeumaierAccumulator);
        var sum2 = default(NeumaierAccumulator);
        int i = 0, j = 0;
        long below = 0;
        distinct = 0;
        while (i < n1 || j < n2)
        {
            var z = j >= n2 || (i < n1 && x[i] <= y[j]) ? x[i] : y[j];
            var f1 = 0;
            while (i < n1 && x[i] == z)
            {
                i++;
                f1++;
            }

            var f2 = 0;
            while (j < n2 && y[j] == z)
            {
                j++;
                f2++;
            }

            long lj = f1 + f2;

            // Each operation in scipy's order and precision, so every term matches numpy's bit for bit.
            var bj = below + (lj / 2.0);
            var weight = lj / bigN;
            var denominator = (bj * (bigN - bj)) - ((double)(n * lj) / 4.0);
            var m1 = i - (f1 / 2.0);
            var m2 = j - (f2 / 2.0);
            var d1 = (bigN * m1) - (bj * n1);
            var d2 = (bigN * m2) - (bj * n2);
            sum1.Add(weight * (d1 * d1) / denominator);
            sum2.Add(weight * (d2 * d2) / denominator);
            below += lj;
            distinct++;
        }

        var a2 = 0.0 + (sum1.Total / n1);
        a2 += sum2.Total / n2;
        return a2 * ((n - 1.0) / n);
    }

    /// <summary>σ_N² of A²kN under the null (Scholz and Stephens eq. 4) for k = 2, in scipy's operation order.</summary>
    private static double NullVariance(int n1, int n2)
    {
        var n = n1 + n2;
        var hSum = 1.0 / n1;
        hSum += 1.0 / n2;

        // hs_cs = cumsum(1 / [N-1, N-2, ..., 2]); h = hs_cs[-1] + 1; g = sum(hs_cs / [2, ..., N-1]).
        var cumulative = 0.0;
        var gSum = default(NeumaierAccumulator);
        for (var t = 0; t < n - 2; t++)
        {
            cumulative += 1.0 / (n - 1 - t);
            gSum.Add(cumulative / (t + 2));
        }

        var h = cumulative + 1;
        var g = gSum.Total;
        const double k = 2;
        var a = ((4 * g) - 6) * (k - 1) + ((10 - (6 * g)) * hSum);
        var b = ((2 * g) - 4) * (k * k) + (8 * h * k) + (((2 * g) - (14 * h) - 4) * hSum) - (8 * h) + (4 * g) - 6;
        var c = ((6 * h) + (2 * g) - 2) * (k * k) + (((4 * h) - (4 * g) + 6) * k) + (((2 * h) - 6) * hSum) + (4 * h);
        var d = ((2 * h) + 6) * (k * k) - (4 * h * k);
        Int128 bigN = n;
        var numerator = (a * (double)(bigN * bigN * bigN)) + (b * (double)(bigN * bigN)) + (c * n) + d;
        return numerator / ((n - 1.0) * (n - 2.0) * (n - 3.0));
    }

    private static double SignificanceLevel(double statistic)
    {
        if (statistic < Critical[0])
        {
            return Significance[0];
        }

        if (statistic > Critical[^1])
        {
            return Significance[^1];
        }

        // numpy.polyval (Horner from the highest power) then exp, as scipy does.
        var y = LogSignificanceFit[0];
        y = (y * statistic) + LogSignificanceFit[1];
        y = (y * statistic) + LogSignificanceFit[2];
        return Math.Exp(y);
    }

    private static double[] CriticalValuesForTwoSamples()
    {
        // scipy: b0 + b1 / sqrt(m) + b2 / m with m = k - 1 = 1.
        var critical = new double[B0.Length];
        for (var i = 0; i < critical.Length; i++)
        {
            critical[i] = B0[i] + (B1[i] / Math.Sqrt(1.0)) + (B2[i] / 1.0);
        }

        return critical;
    }

    private static double[] LogOf(double[] values)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = Math.Log(values[i]);
        }

        return result;
    }
}
