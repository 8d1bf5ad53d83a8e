namespace Vigil.Statistics.Drift;

/// <summary>
/// Total variation distance with Evidently's permutation p-value (Evidently's <c>TVD</c> test, which reports the
/// p-value, not the distance, as its drift score).
/// </summary>
/// <remarks>
/// <para>
/// Distance: <c>TVD = 0.5 sum |r_i / n_ref - c_i / n_cur|</c> over the categories of both sides, in [0, 1].
/// </para>
/// <para>
/// p-value: Evidently's <c>permutation_test</c> with 1000 iterations after <c>np.random.seed(0)</c>: each
/// iteration draws <c>np.random.choice(reference ++ current, n_ref, replace=False)</c> as the new reference (the
/// rest is the new current) and p = share of iterations whose TVD is at least the observed one. The draws are
/// replayed with numpy's legacy MT19937 and its shuffle, with the rows ordered as reference then current, each
/// grouped by category in bin order: this is exactly Evidently's answer for data in that row order. Evidently's
/// draw depends on the row order of its input, so on other orders its p-value is another draw from the same
/// permutation distribution. Drift when p &lt; threshold (Evidently's default 0.1).
/// </para>
/// <para>
/// Cost: O(1000 (n_ref + n_cur)) generator draws, like Evidently's own loop. Evidently allows the test on
/// categorical columns only.
/// </para>
/// <para>Reference: Evidently 0.7, <c>evidently/legacy/calculations/stattests/tvd_stattest.py</c> and <c>utils.permutation_test</c>.</para>
/// </remarks>
public static class TotalVariation
{
    /// <summary>Evidently's default p-value threshold for <c>TVD</c>.</summary>
    public const double DefaultThreshold = 0.1;

    /// <summary>Number of permutations Evidently draws.</summary>
    public const int Iterations = 1000;

    /// <summary>Seed Evidently passes to <c>np.random.seed</c> before permuting.</summary>
    public const uint Seed = 0;

    /// <summary>Computes the distance alone (cheap; no permutations).</summary>
    /// <param name="counts">Reference and current counts per category.</param>
    /// <returns>The distance, or NaN when either side has no values.</returns>
    public static double Distance(BinnedCounts counts)
    {
        var (reference, current) = EvidentlyCategories.Present(counts);
        double nRef = counts.ReferenceTotal, nCur = counts.CurrentTotal;
        return nRef > 0 && nCur > 0 ? Distance(reference, current, nRef, nCur, new double[reference.Length]) : double.NaN;
    }

    /// <summary>Computes the distance and Evidently's permutation p-value (1000 permutations of all rows).</summary>
    /// <param name="counts">Whole reference and current counts per category.</param>
    /// <returns>The distance and the p-value; both NaN when either side has no values.</returns>
    /// <exception cref="ArgumentException">Counts that are not whole, or more values than an array holds.</exception>
    public static (double Distance, double? PValue) Test(BinnedCounts counts)
    {
        var (reference, current) = EvidentlyCategories.Present(counts);
        double nRef = counts.ReferenceTotal, nCur = counts.CurrentTotal;
        if (!(nRef > 0) || !(nCur > 0))
        {
            return (double.NaN, double.NaN);
        }

        var observed = Distance(reference, current, nRef, nCur, new double[reference.Length]);
        return (observed, PermutationPValue(reference, current, observed));
    }

    private static double Distance(double[] reference, double[] current, double nRef, double nCur, double[] scratch)
    {
        for (var i = 0; i < scratch.Length; i++)
        {
            scratch[i] = Math.Abs((reference[i] / nRef) - (current[i] / nCur));
        }

        return 0.5 * NumpyExact.PairwiseSum(scratch);
    }

    private static double PermutationPValue(double[] reference, double[] current, double observed)
    {
        const string method = "The TVD permutation test";
        var k = reference.Length;
        long nRef = 0, total = 0;
        var totals = new long[k];
        for (var i = 0; i < k; i++)
        {
            var r = EvidentlyCategories.ToCount(reference[i], method);
            totals[i] = r + EvidentlyCategories.ToCount(current[i], method);
            nRef += r;
            total += totals[i];
        }

        if (total > Array.MaxLength)
        {
            throw new ArgumentException($"{method} supports at most {Array.MaxLength} values; got {total}.", "counts");
        }

        // Rows as Evidently concatenates them: reference then current, each grouped by category.
        var rows = new int[total];
        var at = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            var side = pass == 0 ? reference : current;
            for (var i = 0; i < k; i++)
            {
                Array.Fill(rows, i, at, (int)side[i]);
                at += (int)side[i];
            }
        }

        var rng = new LegacyMersenneTwister(Seed);
        var shuffled = new int[total];
        var permutedCurrent = new double[k];
        var permutedReference = new double[k];
        var scratch = new double[k];
        var n = (int)total;
        var atLeastObserved = 0;
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            // np.random.choice(rows, nRef, replace=False) = rows[permutation(n)[:nRef]], permutation being the
            // legacy Fisher-Yates from the top. Positions >= nRef are final once i drops below nRef, so the
            // remaining steps only have to consume their draws.
            Array.Copy(rows, shuffled, n);
            var i = n - 1;
            for (; i >= nRef && i >= 1; i--)
            {
                var j = (int)rng.Interval((uint)i);
                (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
            }

            for (; i >= 1; i--)
            {
                rng.Interval((uint)i);
            }

            Array.Clear(permutedCurrent);
            for (var p = (int)nRef; p < n; p++)
            {
                permutedCurrent[shuffled[p]]++;
            }

            for (var c = 0; c < k; c++)
            {
                permutedReference[c] = totals[c] - permutedCurrent[c];
            }

            var statistic = Distance(permutedReference, permutedCurrent, nRef, n - nRef, scratch);
            if (observed <= Math.Abs(statistic))
            {
                atLeastObserved++;
            }
        }

        return (double)atLeastObserved / Iterations;
    }
}
