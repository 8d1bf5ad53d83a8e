namespace Vigil.Statistics.Drift;

/// <summary>
/// Counts of reference and current values over the same bins (numerical bins or categories),
/// aligned index by index. Input to PSI, Jensen-Shannon, KL, Hellinger and the categorical tests.
/// </summary>
public sealed class BinnedCounts
{
    /// <summary>Creates aligned counts.</summary>
    /// <param name="reference">Reference count per bin.</param>
    /// <param name="current">Current count per bin; same length as <paramref name="reference"/>.</param>
    /// <param name="labels">Optional label per bin (category name or bin range).</param>
    /// <param name="edges">Optional numerical bin edges (length = bins + 1).</param>
    public BinnedCounts(double[] reference, double[] current, string[]? labels = null, double[]? edges = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        if (reference.Length != current.Length)
        {
            throw new ArgumentException($"reference has {reference.Length} bins but current has {current.Length}; they must be aligned.", nameof(current));
        }

        if (labels is not null && labels.Length != reference.Length)
        {
            throw new ArgumentException("labels must have one entry per bin.", nameof(labels));
        }

        if (edges is not null && edges.Length != reference.Length + 1)
        {
            throw new ArgumentException("edges must have bins + 1 entries.", nameof(edges));
        }

        Reference = reference;
        Current = current;
        Labels = labels;
        Edges = edges;
        foreach (var c in reference)
        {
            ReferenceTotal += c;
        }

        foreach (var c in current)
        {
            CurrentTotal += c;
        }
    }

    /// <summary>Reference count per bin.</summary>
    public double[] Reference { get; }

    /// <summary>Current count per bin.</summary>
    public double[] Current { get; }

    /// <summary>Label per bin, when known.</summary>
    public string[]? Labels { get; }

    /// <summary>Numerical bin edges (bins + 1), when the bins are intervals.</summary>
    public double[]? Edges { get; }

    /// <summary>Sum of reference counts.</summary>
    public double ReferenceTotal { get; }

    /// <summary>Sum of current counts.</summary>
    public double CurrentTotal { get; }

    /// <summary>Number of bins.</summary>
    public int BinCount => Reference.Length;

    /// <summary>Builds aligned counts from two category-to-count maps over the union of their keys (ordinal order).</summary>
    public static BinnedCounts FromCategories(IReadOnlyDictionary<string, long> reference, IReadOnlyDictionary<string, long> current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        var keys = new SortedSet<string>(reference.Keys, StringComparer.Ordinal);
        keys.UnionWith(current.Keys);
        var labels = new string[keys.Count];
        var r = new double[keys.Count];
        var c = new double[keys.Count];
        var i = 0;
        foreach (var k in keys)
        {
            labels[i] = k;
            r[i] = reference.TryGetValue(k, out var rv) ? rv : 0;
            c[i] = current.TryGetValue(k, out var cv) ? cv : 0;
            i++;
        }

        return new BinnedCounts(r, c, labels);
    }
}
