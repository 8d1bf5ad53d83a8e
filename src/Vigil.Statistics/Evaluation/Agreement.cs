namespace Vigil.Statistics.Evaluation;

/// <summary>Agreement between two raters (for example an LLM judge and human labels).</summary>
/// <remarks>
/// Cohen's kappa as scikit-learn 1.2.1 <c>cohen_kappa_score</c>: with C the confusion matrix of the two raters over
/// the labels (C_ij = items rated i by <c>a</c> and j by <c>b</c>), N its total, E = outer(column sums, row sums) / N
/// the counts expected under independent marginals (sklearn's orientation) and W the symmetric disagreement weights (unweighted: 0 on the diagonal, 1
/// elsewhere; linear |i - j|; quadratic (i - j)^2 over label positions),
/// kappa = 1 - sum W C / sum W E (Cohen 1960; weighted: Cohen 1968). 1 is perfect agreement, 0 chance level.
/// NaN when undefined: no rows, or both raters always give the same single label (0 / 0).
/// Labels default to the ordinal-sorted union of both lists; the weighted forms depend on that order ("10" sorts
/// before "2"), so pass the labels in their natural order for ordinal scales.
/// </remarks>
public static class Agreement
{
    /// <summary>Unweighted Cohen's kappa of two label lists of equal length.</summary>
    public static double CohensKappa(IReadOnlyList<string> a, IReadOnlyList<string> b) => CohensKappa(a, b, KappaWeighting.None);

    /// <summary>Cohen's kappa with the given disagreement weights.</summary>
    /// <param name="a">The first rater's label per item.</param>
    /// <param name="b">The second rater's label per item, same length.</param>
    /// <param name="weighting">Unweighted, linear or quadratic.</param>
    /// <param name="labels">
    /// The labels in scale order (null: ordinal-sorted union). As sklearn's <c>labels</c>, items where either rater's
    /// label is not listed are left out.
    /// </param>
    public static double CohensKappa(IReadOnlyList<string> a, IReadOnlyList<string> b, KappaWeighting weighting, IReadOnlyList<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"b has {b.Count} labels but a has {a.Count}.", nameof(b));
        }

        if (weighting is not (KappaWeighting.None or KappaWeighting.Linear or KappaWeighting.Quadratic))
        {
            throw new ArgumentOutOfRangeException(nameof(weighting), weighting, "unknown kappa weighting.");
        }

        var index = labels is null ? SortedUnion(a, b) : Listed(labels);
        var k = index.Count;
        var confusion = new long[k, k];
        var rowSums = new long[k];
        var columnSums = new long[k];
        long total = 0;
        for (var i = 0; i < a.Count; i++)
        {
            if (index.TryGetValue(a[i] ?? throw NullLabel(nameof(a), i), out var r)
                && index.TryGetValue(b[i] ?? throw NullLabel(nameof(b), i), out var c))
            {
                confusion[r, c]++;
                rowSums[r]++;
                columnSums[c]++;
                total++;
            }
        }

        double observed = 0, chance = 0;
        for (var r = 0; r < k; r++)
        {
            for (var c = 0; c < k; c++)
            {
                double w = weighting switch
                {
                    KappaWeighting.None => r == c ? 0 : 1,
                    KappaWeighting.Linear => Math.Abs(r - c),
                    _ => (double)(r - c) * (r - c),
                };
                observed += w * confusion[r, c];
                chance += w * ((double)columnSums[r] * rowSums[c] / total);
            }
        }

        return total == 0 ? double.NaN : 1 - observed / chance;
    }

    private static Dictionary<string, int> SortedUnion(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < a.Count; i++)
        {
            set.Add(a[i] ?? throw NullLabel(nameof(a), i));
            set.Add(b[i] ?? throw NullLabel(nameof(b), i));
        }

        var sorted = new string[set.Count];
        set.CopyTo(sorted);
        Array.Sort(sorted, StringComparer.Ordinal);
        return Listed(sorted);
    }

    private static Dictionary<string, int> Listed(IReadOnlyList<string> labels)
    {
        var index = new Dictionary<string, int>(labels.Count, StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            if (!index.TryAdd(labels[i] ?? throw NullLabel(nameof(labels), i), i))
            {
                throw new ArgumentException($"labels lists \"{labels[i]}\" twice.", nameof(labels));
            }
        }

        return index;
    }

    private static ArgumentException NullLabel(string list, int i) => new($"{list}[{i}] is null.", list);
}
