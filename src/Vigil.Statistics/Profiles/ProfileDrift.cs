using System.Globalization;
using Vigil.Statistics.Drift;

namespace Vigil.Statistics.Profiles;

/// <summary>
/// Drift between two column profiles. When both profiles are exact the raw-data method runs on the kept
/// values (so the result equals the raw result); otherwise KS, Wasserstein (raw and normed), PSI,
/// Jensen-Shannon, KL, Hellinger and the categorical tests are computed from the sketches and reported as
/// approximate, with their bound.
/// </summary>
/// <remarks>
/// Bounds (each sketch's normalized rank error ε holds with 99% confidence, over all ranks at once):
/// KS: |D̂ - D| &lt;= ε_ref + ε_cur, so D lies in [D̂ - ε, D̂ + ε] and the asymptotic p-value
/// (scipy's <c>kstwo.sf(D, round(n m / (n + m)))</c>) in [p(D̂ + ε), p(D̂ - ε)].
/// Wasserstein-1 = ∫|F_ref - F_cur| dx, so |Ŵ - W| &lt;= (ε_ref + ε_cur)(max - min) over the union range
/// (min, max and the standard deviation are exact, from the moments). Binned methods: each bin share is
/// within 2ε of the true share. Categorical columns past the frequent-items capacity: categories outside the
/// tracked set are pooled into one "(other)" bin, and each tracked count is low by at most the sketch's error.
/// </remarks>
public static class ProfileDrift
{
    private static readonly HashSet<string> NeedsRawValues = new(StringComparer.Ordinal) { "anderson", "cramer_von_mises", "mannw", "t_test", "welch_t_test", "energy" };

    /// <summary>Evaluates <paramref name="methodName"/> (or Evidently's default when null) on two profiles of one column.</summary>
    /// <exception cref="ArgumentException">Types differ, a side is empty, or the method needs raw values the profiles no longer hold.</exception>
    public static ProfileDriftResult Evaluate(ColumnProfile reference, ColumnProfile current, string? methodName = null, double? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        if (reference.Type != current.Type)
        {
            throw new ArgumentException($"the column is {ColumnProfile.TypeName(reference.Type)} in the reference and {ColumnProfile.TypeName(current.Type)} in the current profile.");
        }

        if (reference.Count == 0 || current.Count == 0)
        {
            throw new ArgumentException($"the {(reference.Count == 0 ? "reference" : "current")} profile has no non-missing values.");
        }

        var method = methodName is null ? SelectDefault(reference, current) : DriftMethods.Get(methodName);
        if (!method.Supports(reference.Type) && methodName is not null)
        {
            throw new ArgumentException($"method '{method.Name}' does not apply to {ColumnProfile.TypeName(reference.Type)} columns.");
        }

        var t = threshold ?? method.DefaultThreshold;
        if (reference.Type == ColumnType.Categorical)
        {
            return Categorical(reference, current, method, t);
        }

        if (reference.IsExact && current.IsExact)
        {
            var input = DriftColumnInput.Numerical(reference.ToSortedSample()!, current.ToSortedSample()!);
            return new ProfileDriftResult(method.Name, method.Evaluate(input, t), true, null, null, null, null, null, Distribution(input, method));
        }

        if (NeedsRawValues.Contains(method.Name))
        {
            throw new ArgumentException($"method '{method.Name}' needs the raw values, which a profile keeps only up to its exact limit ({reference.Options.ExactLimit:N0} values); compare the data files, or profile with a larger exact limit.");
        }

        if (!method.SupportsNumerical || (method.IsHypothesisTest && method.Name != "ks"))
        {
            // chi-square and z-test chosen for a low-cardinality numerical column: exact per-value counts.
            return FromValueCounts(reference, current, method, t);
        }

        return method.Name switch
        {
            "ks" => KolmogorovSmirnov(reference, current, t),
            "wasserstein" or "wasserstein_raw" => Wasserstein(reference, current, method.Name == "wasserstein", t),
            _ => Binned(reference, current, method, t),
        };
    }

    /// <summary>Evidently's default method, decided from the profiles' counts and distinct values.</summary>
    public static DriftMethod SelectDefault(ColumnProfile reference, ColumnProfile current)
    {
        var n = UnionDistinct(reference, current);
        var numerical = reference.Type == ColumnType.Numerical && n > 5;
        if (reference.Count <= 1000)
        {
            return DriftMethods.Get(numerical ? "ks" : n > 2 ? "chisquare" : "z");
        }

        return DriftMethods.Get(numerical ? "wasserstein" : "jensenshannon");
    }

    private static double UnionDistinct(ColumnProfile reference, ColumnProfile current)
    {
        if (reference.Type == ColumnType.Numerical && reference.ValueCounts is { } r && current.ValueCounts is { } c)
        {
            return r.Keys.Union(c.Keys).Count();
        }

        if (reference.Type == ColumnType.Categorical && reference.Items!.IsExact && current.Items!.IsExact)
        {
            return reference.Items.Items().Select(i => i.Item).Union(current.Items.Items().Select(i => i.Item), StringComparer.Ordinal).Count();
        }

        var union = new Sketches.HyperLogLog(reference.Options.HllLgK);
        union.Merge(reference.Distinct);
        union.Merge(current.Distinct);
        return Math.Round(union.Estimate());
    }

    /// <summary>
    /// The effect size of <see cref="Drift.DriftOptions.MinimumEffect"/> from profiles: the KS distance for
    /// numerical columns (from the sketches when not exact), the total variation distance for categorical ones.
    /// </summary>
    public static double EffectSize(ColumnProfile reference, ColumnProfile current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        if (reference.Type == ColumnType.Numerical)
        {
            return KsDistance(CdfView.From(reference), CdfView.From(current));
        }

        return TotalVariation.Distance(CategoryCounts(reference, current));
    }

    private static ProfileDriftResult KolmogorovSmirnov(ColumnProfile reference, ColumnProfile current, double threshold)
    {
        var r = CdfView.From(reference);
        var c = CdfView.From(current);
        var d = KsDistance(r, c);
        var eps = r.Epsilon + c.Epsilon;
        var n = (int)Math.Round((double)reference.Count * current.Count / (reference.Count + current.Count));
        var lo = Math.Max(0, d - eps);
        var hi = Math.Min(1, d + eps);
        var p = Drift.KolmogorovSmirnov.KolmogorovTwoSidedSurvival(n, d);
        return new ProfileDriftResult(
            "ks", new DriftTestResult(d, p, threshold, p <= threshold), false, lo, hi,
            Drift.KolmogorovSmirnov.KolmogorovTwoSidedSurvival(n, hi), Drift.KolmogorovSmirnov.KolmogorovTwoSidedSurvival(n, lo),
            $"D within ±{F(eps)} (KLL rank error of both sketches, 99% confidence); asymptotic p-value", null);
    }

    private static double KsDistance(CdfView r, CdfView c)
    {
        var d = 0.0;
        int i = 0, j = 0;
        while (i < r.Values.Length || j < c.Values.Length)
        {
            var x = j >= c.Values.Length || (i < r.Values.Length && r.Values[i] <= c.Values[j]) ? r.Values[i] : c.Values[j];
            while (i < r.Values.Length && r.Values[i] <= x)
            {
                i++;
            }

            while (j < c.Values.Length && c.Values[j] <= x)
            {
                j++;
            }

            var fr = i == 0 ? 0 : (double)r.Cumulative[i - 1] / r.Total;
            var fc = j == 0 ? 0 : (double)c.Cumulative[j - 1] / c.Total;
            d = Math.Max(d, Math.Abs(fr - fc));
        }

        return d;
    }

    private static ProfileDriftResult Wasserstein(ColumnProfile reference, ColumnProfile current, bool normed, double threshold)
    {
        var r = CdfView.From(reference);
        var c = CdfView.From(current);
        var w = 0.0;
        int i = 0, j = 0;
        var previous = double.NaN;
        double fr = 0, fc = 0;
        while (i < r.Values.Length || j < c.Values.Length)
        {
            var x = j >= c.Values.Length || (i < r.Values.Length && r.Values[i] <= c.Values[j]) ? r.Values[i] : c.Values[j];
            if (!double.IsNaN(previous))
            {
                w += Math.Abs(fr - fc) * (x - previous);
            }

            while (i < r.Values.Length && r.Values[i] <= x)
            {
                i++;
            }

            while (j < c.Values.Length && c.Values[j] <= x)
            {
                j++;
            }

            fr = i == 0 ? 0 : (double)r.Cumulative[i - 1] / r.Total;
            fc = j == 0 ? 0 : (double)c.Cumulative[j - 1] / c.Total;
            previous = x;
        }

        var range = Math.Max(reference.Moments.Max, current.Moments.Max) - Math.Min(reference.Moments.Min, current.Moments.Min);
        var bound = (r.Epsilon + c.Epsilon) * range;
        var scale = normed ? Math.Max(Math.Sqrt(reference.Moments.PopulationVariance), 0.001) : 1.0;
        var value = w / scale;
        var error = bound / scale;
        return new ProfileDriftResult(
            normed ? "wasserstein" : "wasserstein_raw", DriftTestResult.FromDistance(value, threshold), false,
            Math.Max(0, value - error), value + error, null, null,
            $"within ±{F(error)} (rank error x value range{(normed ? " / reference std" : string.Empty)})", null);
    }

    private static ProfileDriftResult Binned(ColumnProfile reference, ColumnProfile current, DriftMethod method, double threshold)
    {
        var refDistinct = reference.ValueCounts?.Count ?? reference.DistinctEstimate;
        if (refDistinct <= 20 && reference.ValueCounts is not null && current.ValueCounts is not null)
        {
            return FromValueCounts(reference, current, method, threshold);
        }

        var min = Math.Min(reference.Moments.Min, current.Moments.Min);
        var max = Math.Max(reference.Moments.Max, current.Moments.Max);
        var edges = EvidentlyBinning.SturgesEdges(min, max, reference.Count + current.Count);
        var r = CdfView.From(reference);
        var c = CdfView.From(current);
        var counts = new BinnedCounts(Counts(r, edges, reference.Count), Counts(c, edges, current.Count), null, edges);
        var eps = r.Epsilon + c.Epsilon;
        var result = method.Evaluate(DriftColumnInput.Categorical(counts), threshold);
        var exact = eps == 0;
        return new ProfileDriftResult(method.Name, result, false, null, null, null, null,
            exact ? null : $"bin shares within ±{F(2 * eps)} of the true shares (99% confidence)", counts);
    }

    private static double[] Counts(CdfView view, double[] edges, long n)
    {
        var counts = new double[edges.Length - 1];
        for (var b = 0; b < counts.Length; b++)
        {
            var upper = b == counts.Length - 1 ? view.AtOrBelow(edges[b + 1]) : view.Below(edges[b + 1]);
            counts[b] = Math.Max(0, Math.Round((upper - view.Below(edges[b])) * n));
        }

        return counts;
    }

    private static ProfileDriftResult FromValueCounts(ColumnProfile reference, ColumnProfile current, DriftMethod method, double threshold)
    {
        if (reference.ValueCounts is not { } r || current.ValueCounts is not { } c)
        {
            throw new ArgumentException($"method '{method.Name}' on a numerical column needs exact counts per value, which profiles keep only for columns with at most {reference.Options.SmallValueLimit} distinct values.");
        }

        var keys = r.Keys.Union(c.Keys).Order().ToArray();
        var counts = new BinnedCounts(
            [.. keys.Select(k => (double)r.GetValueOrDefault(k))],
            [.. keys.Select(k => (double)c.GetValueOrDefault(k))],
            [.. keys.Select(k => k.ToString("R", CultureInfo.InvariantCulture))]);
        var input = DriftColumnInput.Categorical(counts);
        return new ProfileDriftResult(method.Name, Run(method, input, threshold), true, null, null, null, null, null, counts);
    }

    private static ProfileDriftResult Categorical(ColumnProfile reference, ColumnProfile current, DriftMethod method, double threshold)
    {
        var exact = reference.Items!.IsExact && current.Items!.IsExact;
        var counts = CategoryCounts(reference, current);
        var input = DriftColumnInput.Categorical(counts);
        return new ProfileDriftResult(method.Name, Run(method, input, threshold), exact, null, null, null, null,
            exact ? null : $"category counts low by at most {Math.Max(reference.Items.MaximumError, current.Items!.MaximumError):N0}; untracked categories pooled as (other)", counts);
    }

    /// <summary>Category counts of both sides; past a sketch's capacity, untracked categories are pooled as "(other)".</summary>
    private static BinnedCounts CategoryCounts(ColumnProfile reference, ColumnProfile current)
    {
        var r = reference.Items!.Items().ToDictionary(i => i.Item, i => i.Estimate, StringComparer.Ordinal);
        var c = current.Items!.Items().ToDictionary(i => i.Item, i => i.Estimate, StringComparer.Ordinal);
        if (!(reference.Items.IsExact && current.Items.IsExact))
        {
            const string other = "(other)";
            r[other] = r.GetValueOrDefault(other) + reference.Items.TotalCount - r.Values.Sum();
            c[other] = c.GetValueOrDefault(other) + current.Items.TotalCount - c.Values.Sum();
        }

        return BinnedCounts.FromCategories(r, c);
    }

    private static DriftTestResult Run(DriftMethod method, DriftColumnInput input, double threshold)
    {
        var effective = method.Supports(ColumnType.Categorical) ? method : throw new ArgumentException($"method '{method.Name}' needs the raw values.");
        return effective.Evaluate(input, threshold);
    }

    private static BinnedCounts? Distribution(DriftColumnInput input, DriftMethod method) =>
        method.Name is "chisquare" or "z" or "fisher_exact" or "g_test" or "tvd" ? input.ValueCounts : input.Binned;

    private static string F(double v) => v.ToString("G3", CultureInfo.InvariantCulture);
}
