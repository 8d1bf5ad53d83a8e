namespace Vigil.Statistics.Sketches;

/// <summary>
/// Frequent items over string labels with the mergeable Misra-Gries summary (Agarwal, Cormode, Huang, Phillips,
/// Wei, Yi, "Mergeable summaries", PODS 2012): counters for at most <see cref="MaxItems"/> labels; every estimate is
/// within [true − <see cref="MaximumError"/>, true].
/// </summary>
/// <remarks>
/// <para>
/// Update(x, w): a label with a counter adds w to it; otherwise, with fewer than k = <see cref="MaxItems"/> counters,
/// the label gets counter w. With k counters already, the k + 1 candidates lose the smallest of them, v (the
/// (k+1)-th largest), and the counters at zero are dropped; v is added to <see cref="MaximumError"/>.
/// Merge sums the counters of both summaries and reduces to k the same way, subtracting the (k+1)-th largest summed
/// counter (every tie at that value drops, so no tie-breaking is needed); the error is e_a + e_b + v.
/// </para>
/// <para>
/// Guarantees, in any order of updates and merges: every label's true count f lies in [counter, counter +
/// <see cref="MaximumError"/>] (0 for labels without a counter), and the error is at most (N − Σ counters) / (k + 1)
/// where N is <see cref="TotalCount"/>; so every label with f &gt; N / (k + 1) has a counter. The counters themselves
/// depend on the order (Misra-Gries is not order-invariant), but the same updates in the same order give the same
/// bytes.
/// </para>
/// <para>
/// Cost: updating a label that has a counter is a dictionary lookup and a heap sift, with no allocation; reductions
/// are O(log k) per dropped counter thanks to a global offset. References: J. Misra and D. Gries, "Finding repeated
/// elements", 1982; Agarwal et al. 2012, section 2.
/// </para>
/// <para>Not thread-safe: one writer at a time (merge per-thread sketches instead).</para>
/// </remarks>
public sealed class FrequentItemsSketch
{
    /// <summary>The default number of counters.</summary>
    public const int DefaultMaxItems = 256;

    /// <summary>The largest number of counters accepted.</summary>
    public const int MaxItemsLimit = 1 << 20;

    private readonly MisraGriesCounters _counters;

    /// <summary>Creates an empty sketch with at most <paramref name="maxItems"/> counters.</summary>
    /// <param name="maxItems">k, in [1, 2^20] (default 256): labels with more than N / (k + 1) occurrences are always kept.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxItems"/> is outside [1, 2^20].</exception>
    public FrequentItemsSketch(int maxItems = DefaultMaxItems)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxItems, MaxItemsLimit);
        MaxItems = maxItems;
        _counters = new MisraGriesCounters(maxItems);
    }

    /// <summary>k: the most labels with a counter.</summary>
    public int MaxItems { get; }

    /// <summary>The total weight added (exact).</summary>
    public long TotalCount { get; private set; }

    /// <summary>The bound on the under-count of any label: the sum of the amounts subtracted by reductions.</summary>
    public long MaximumError { get; private set; }

    /// <summary>True while no reduction has happened (<see cref="MaximumError"/> = 0): the counts are exact.</summary>
    public bool IsExact => MaximumError == 0;

    /// <summary>Adds <paramref name="count"/> occurrences of <paramref name="item"/>.</summary>
    /// <param name="item">The label (compared ordinally).</param>
    /// <param name="count">The weight, ≥ 0 (0 does nothing).</param>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="OverflowException">The total weight would exceed <see cref="long.MaxValue"/>.</exception>
    public void Update(string item, long count = 1)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return;
        }

        TotalCount = checked(TotalCount + count);
        if (_counters.TryIncrement(item, count))
        {
            return;
        }

        if (_counters.Count < MaxItems)
        {
            _counters.Insert(item, count);
            return;
        }

        // k + 1 candidate counters: subtract the smallest of them from all, drop those at zero.
        var decrement = Math.Min(_counters.MinCounter, count);
        MaximumError += decrement;
        _counters.SubtractFromAll(decrement);
        if (count > decrement)
        {
            _counters.Insert(item, count - decrement);
        }
    }

    /// <summary>Merges <paramref name="other"/> into this sketch (Agarwal et al.'s mergeable Misra-Gries).</summary>
    /// <param name="other">Another sketch (not modified; may be this one). The result keeps this sketch's <see cref="MaxItems"/>.</param>
    public void Merge(FrequentItemsSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var combined = new Dictionary<string, long>(_counters.Count + other._counters.Count, StringComparer.Ordinal);
        for (var slot = 0; slot < _counters.Count; slot++)
        {
            combined[_counters.LabelAt(slot)] = _counters.CounterAt(slot);
        }

        for (var slot = 0; slot < other._counters.Count; slot++)
        {
            var label = other._counters.LabelAt(slot);
            combined[label] = checked(combined.GetValueOrDefault(label) + other._counters.CounterAt(slot));
        }

        var total = checked(TotalCount + other.TotalCount);
        var error = checked(MaximumError + other.MaximumError);
        var entries = combined.ToArray();
        long decrement = 0;
        if (entries.Length > MaxItems)
        {
            var counts = new long[entries.Length];
            for (var i = 0; i < entries.Length; i++)
            {
                counts[i] = entries[i].Value;
            }

            Array.Sort(counts);
            decrement = counts[counts.Length - 1 - MaxItems];
            error += decrement;
        }

        // Rebuild in ordinal label order so the internal layout does not depend on dictionary order.
        Array.Sort(entries, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        _counters.Clear();
        foreach (var (label, counter) in entries)
        {
            if (counter > decrement)
            {
                _counters.Insert(label, counter - decrement);
            }
        }

        TotalCount = total;
        MaximumError = error;
    }

    /// <summary>The labels with a counter, by estimate descending, then ordinal label order.</summary>
    /// <returns>At most <see cref="MaxItems"/> items with their bounds.</returns>
    public IReadOnlyList<FrequentItem> Items()
    {
        var items = new FrequentItem[_counters.Count];
        for (var slot = 0; slot < items.Length; slot++)
        {
            var counter = _counters.CounterAt(slot);
            items[slot] = new FrequentItem(_counters.LabelAt(slot), counter, counter, counter + MaximumError);
        }

        Array.Sort(items, CompareItems);
        return items;
    }

    /// <summary>The estimate and bounds for any label; a label without a counter has estimate 0 and upper bound <see cref="MaximumError"/>.</summary>
    /// <param name="item">The label.</param>
    /// <returns>The item with its bounds on the true count.</returns>
    public FrequentItem Get(string item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var counter = _counters.CounterOf(item);
        return new FrequentItem(item, counter, counter, counter + MaximumError);
    }

    /// <summary>Writes the sketch in Vigil's frequent-items format, version 1 (the same state gives the same bytes).</summary>
    /// <param name="writer">The destination.</param>
    public void WriteTo(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        FrequentItemsFormat.Write(writer, this);
    }

    /// <summary>Reads a sketch written by <see cref="WriteTo"/>.</summary>
    /// <param name="reader">The source, positioned at the sketch.</param>
    /// <returns>The sketch.</returns>
    /// <exception cref="InvalidDataException">The data is truncated, corrupted or inconsistent.</exception>
    public static FrequentItemsSketch ReadFrom(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return FrequentItemsFormat.Read(reader);
    }

    /// <summary>Restores a state read by <see cref="FrequentItemsFormat"/> (items already validated and ordered).</summary>
    internal void Restore(long totalCount, long maximumError, IEnumerable<(string Label, long Counter)> items)
    {
        TotalCount = totalCount;
        MaximumError = maximumError;
        foreach (var (label, counter) in items)
        {
            _counters.Insert(label, counter);
        }
    }

    /// <summary>Estimate descending, then ordinal label.</summary>
    internal static int CompareItems(FrequentItem a, FrequentItem b)
    {
        var byEstimate = b.Estimate.CompareTo(a.Estimate);
        return byEstimate != 0 ? byEstimate : string.CompareOrdinal(a.Item, b.Item);
    }
}
