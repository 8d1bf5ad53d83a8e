namespace Vigil.Cli.Evaluation.Scoring;

/// <summary>
/// Computes a task's metrics over any multiset of its items (given as indices, repeats allowed), so the same code
/// gives the overall metrics, per-tag metrics and bootstrap resamples. Every scorer adds two metrics of its own:
/// <c>coverage</c> = items with a prediction / items, and, when the task has a per-item verdict,
/// <c>pass_rate</c> = items that passed / items, where an item without a prediction (missing or failed) does not pass.
/// Other metrics use only the items with a prediction.
/// </summary>
internal abstract class TaskScorer
{
    /// <summary>Creates a scorer over <paramref name="items"/>.</summary>
    protected TaskScorer(IReadOnlyList<EvalItem> items)
    {
        Items = items;
    }

    /// <summary>The items, indexed by the indices given to <see cref="Compute(ReadOnlySpan{int})"/>.</summary>
    public IReadOnlyList<EvalItem> Items { get; }

    /// <summary>The task.</summary>
    public abstract EvalTask Task { get; }

    /// <summary>Metrics over all items.</summary>
    public Dictionary<string, double> ComputeAll()
    {
        var all = new int[Items.Count];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = i;
        }

        return Compute(all);
    }

    /// <summary>Metrics over the items at <paramref name="indices"/>; a metric that cannot be computed is left out.</summary>
    public Dictionary<string, double> Compute(ReadOnlySpan<int> indices)
    {
        var scored = new List<int>(indices.Length);
        var passed = 0;
        foreach (var i in indices)
        {
            if (Items[i].HasPrediction)
            {
                scored.Add(i);
            }

            if (HasPassRate && Passes(i) == true)
            {
                passed++;
            }
        }

        var metrics = scored.Count == 0 ? [] : ComputeScored(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(scored));
        if (indices.Length > 0)
        {
            metrics["coverage"] = (double)scored.Count / indices.Length;
            if (HasPassRate)
            {
                metrics["pass_rate"] = (double)passed / indices.Length;
            }
        }

        return metrics;
    }

    /// <summary>The task's metrics over items that all have a prediction (not empty).</summary>
    protected abstract Dictionary<string, double> ComputeScored(ReadOnlySpan<int> scored);

    /// <summary>Whether the task defines a per-item verdict (and so <c>pass_rate</c>).</summary>
    public abstract bool HasPassRate { get; }

    /// <summary>
    /// The item's verdict: true or false when the task has one (an item without a prediction is false), null when
    /// the task has no per-item verdict.
    /// </summary>
    public abstract bool? Passes(int index);
}
