namespace Vigil.Statistics.Drift;

/// <summary>The independent two-sample t-test, Student's (pooled variance) or Welch's.</summary>
/// <remarks>
/// <para>
/// Student: t = (x̄₁ − x̄₂) / √(s_p² (1/n₁ + 1/n₂)), s_p² = ((n₁ − 1) s₁² + (n₂ − 1) s₂²) / (n₁ + n₂ − 2),
/// ν = n₁ + n₂ − 2. Welch: t = (x̄₁ − x̄₂) / √(s₁²/n₁ + s₂²/n₂), ν by Welch-Satterthwaite
/// (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1)), replaced by 1 when undefined, as scipy does.
/// Two-sided p = 2 F_ν(−|t|) with F_ν the Student t CDF (s² with divisor n − 1). Same operations as
/// <c>scipy.stats.ttest_ind</c> 1.10.
/// </para>
/// <para>
/// Assumptions: independent samples, approximately normal means (large samples make this mild); Student's version
/// also assumes equal variances.
/// </para>
/// <para>
/// Edge cases (scipy's results unless stated): a sample of one value has undefined variance, so t and p are NaN;
/// two constant samples with equal values give t = 0/0 = NaN and p = NaN; constant samples with different values
/// give t = ±∞ and p = 0. Deviation: a constant sample (n ≥ 2, all values equal) gets mean exactly its value and
/// variance exactly 0. scipy sums the values, so for a constant such as 0.1 its mean and variance carry rounding
/// noise (it warns of catastrophic cancellation) and two such samples of different sizes get an arbitrary t and
/// a p-value near 0. Here they give NaN, as the exactly representable case does in scipy.
/// Empty samples throw here; scipy returns NaN.
/// </para>
/// <para>
/// Evidently 0.7 (<c>t_test</c>): <c>ttest_ind(reference, current)[1]</c>, Student's version, two-sided; the
/// p-value is the drift score, drift when p &lt; threshold (default 0.05).
/// </para>
/// <para>References: Student, Biometrika 6 (1908) 1-25; B. L. Welch, Biometrika 34 (1947) 28-35.</para>
/// </remarks>
public static class TTest
{
    /// <summary>
    /// <c>scipy.stats.ttest_ind(reference, current, equal_var=equalVariance)</c>: the t statistic (reference
    /// minus current) and its two-sided p-value.
    /// </summary>
    /// <param name="reference">The reference sample.</param>
    /// <param name="current">The current sample.</param>
    /// <param name="equalVariance"><see langword="true"/> for Student's pooled test, <see langword="false"/> for Welch's.</param>
    /// <returns>t and the two-sided p-value; see the remarks for NaN and infinite cases.</returns>
    /// <exception cref="ArgumentException">A sample is empty.</exception>
    public static (double T, double PValue) Independent(SortedSample reference, SortedSample current, bool equalVariance)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        if (reference.Count == 0)
        {
            throw new ArgumentException("reference must contain at least one finite value.", nameof(reference));
        }

        if (current.Count == 0)
        {
            throw new ArgumentException("current must contain at least one finite value.", nameof(current));
        }

        var (m1, v1) = MeanAndVariance(reference);
        var (m2, v2) = MeanAndVariance(current);
        double n1 = reference.Count;
        double n2 = current.Count;
        double df, denominator;
        if (equalVariance)
        {
            df = n1 + n2 - 2.0;
            var pooled = (((n1 - 1) * v1) + ((n2 - 1) * v2)) / df;
            denominator = Math.Sqrt(pooled * ((1.0 / n1) + (1.0 / n2)));
        }
        else
        {
            var vn1 = v1 / n1;
            var vn2 = v2 / n2;
            var sum = vn1 + vn2;
            df = (sum * sum) / ((vn1 * vn1 / (n1 - 1)) + (vn2 * vn2 / (n2 - 1)));
            if (double.IsNaN(df))
            {
                df = 1;
            }

            denominator = Math.Sqrt(sum);
        }

        var t = (m1 - m2) / denominator;
        var p = StudentTCdf.Cdf(-Math.Abs(t), df) * 2;
        return (t, p);
    }

    private static (double Mean, double Variance) MeanAndVariance(SortedSample sample)
    {
        var values = sample.Values;
        if (values.Length >= 2 && values[0] == values[^1])
        {
            return (values[0], 0.0);
        }

        return (sample.Mean, sample.SampleVariance);
    }
}
