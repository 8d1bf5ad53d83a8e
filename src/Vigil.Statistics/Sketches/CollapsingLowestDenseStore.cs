using System.Runtime.CompilerServices;

namespace Vigil.Statistics.Sketches;

/// <summary>
/// Counts per bin index in a contiguous array, holding at most <see cref="MaxBins"/> bins: when the indices span
/// more, the lowest bins are folded into the lowest bin kept (DataDog's <c>CollapsingLowestDenseStore</c>).
/// </summary>
/// <remarks>
/// <para>
/// The state is a function of the multiset of indices added, never of their order: with M the highest index seen
/// and m the lowest, the bins kept are [max(m, M − MaxBins + 1), M] and the lowest kept bin also holds every count
/// below it. The window only moves up, so a bin folded once stays folded; adding, merging and re-reading therefore
/// give identical bins in any order.
/// </para>
/// <para>
/// The array never holds more than <see cref="MaxBins"/> bins, so any index inside it keeps the span within the
/// limit: the hot path is one window check and an increment. The lowest and highest non-empty bins are found by
/// scanning when needed (serialization, quantiles, and the rare adds outside the array).
/// </para>
/// </remarks>
internal sealed class CollapsingLowestDenseStore
{
    private const int GrowthChunk = 64;

    private long[] _counts = [];
    private int _offset;

    public CollapsingLowestDenseStore(int maxBins) => MaxBins = maxBins;

    /// <summary>The most bins kept.</summary>
    public int MaxBins { get; private set; }

    /// <summary>True when nothing was added (the array is allocated by the first add).</summary>
    public bool IsEmpty => _counts.Length == 0;

    /// <summary>The sum of the counts (summed over the bins: the hot path keeps no total).</summary>
    public long TotalCount
    {
        get
        {
            long total = 0;
            foreach (var count in _counts)
            {
                total = checked(total + count);
            }

            return total;
        }
    }

    /// <summary>The lowest non-empty bin (holding the folded counts after a collapse); undefined when empty.</summary>
    public int MinIndex
    {
        get
        {
            var i = 0;
            while (i < _counts.Length - 1 && _counts[i] == 0)
            {
                i++;
            }

            return _offset + i;
        }
    }

    /// <summary>The highest non-empty bin; undefined when empty.</summary>
    public int MaxIndex
    {
        get
        {
            var i = _counts.Length - 1;
            while (i > 0 && _counts[i] == 0)
            {
                i--;
            }

            return _offset + i;
        }
    }

    /// <summary>The counts of the bins from <see cref="MinIndex"/> to <see cref="MaxIndex"/> (empty when the store is).</summary>
    public ReadOnlySpan<long> NonEmptyRange(out int minIndex)
    {
        minIndex = MinIndex;
        return IsEmpty ? [] : _counts.AsSpan(minIndex - _offset, MaxIndex - minIndex + 1);
    }

    /// <summary>The count in bin <paramref name="index"/>.</summary>
    public long this[int index]
    {
        get
        {
            var k = (long)index - _offset;
            return k >= 0 && k < _counts.Length ? _counts[k] : 0;
        }
    }

    /// <summary>Adds one to bin <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int index)
    {
        var counts = _counts;
        var k = index - _offset;
        if ((uint)k < (uint)counts.Length)
        {
            counts[k]++;
            return;
        }

        AddOutsideArray(index, 1);
    }

    /// <summary>Adds <paramref name="count"/> (positive) to bin <paramref name="index"/>.</summary>
    public void Add(int index, long count)
    {
        var k = (long)index - _offset;
        if (k >= 0 && k < _counts.Length)
        {
            _counts[k] = checked(_counts[k] + count);
            return;
        }

        AddOutsideArray(index, count);
    }

    /// <summary>Adds every bin of <paramref name="other"/>, highest first (it may be this store: then no bin moves).</summary>
    public void MergeFrom(CollapsingLowestDenseStore other)
    {
        if (other.IsEmpty)
        {
            return;
        }

        var (otherMin, otherMax) = (other.MinIndex, other.MaxIndex);
        var top = other[otherMax];

        // Bins that end below this store's floor all join the floor bin: add them once, not one slow add each.
        Add(otherMax, top);
        var floor = (long)MaxIndex - MaxBins + 1;
        long folded = 0;
        for (var index = otherMax - 1; index >= otherMin; index--)
        {
            var count = other[index];
            if (count == 0)
            {
                continue;
            }

            if (index < floor)
            {
                folded = checked(folded + count);
            }
            else
            {
                Add(index, count);
            }
        }

        if (folded > 0)
        {
            Add((int)floor, folded);
        }
    }

    /// <summary>Lowers the bin limit to <paramref name="maxBins"/>, folding the lowest bins when needed.</summary>
    public void ShrinkTo(int maxBins)
    {
        if (maxBins >= MaxBins)
        {
            return;
        }

        MaxBins = maxBins;
        if (IsEmpty)
        {
            return;
        }

        var (min, max) = (MinIndex, MaxIndex);
        var floor = Math.Max(min, max - maxBins + 1);
        var folded = Fold(min, floor - 1);
        var counts = new long[Math.Min(_counts.Length, maxBins)];
        var offset = floor - ((counts.Length - (max - floor + 1)) / 2);
        Array.Copy(_counts, floor - _offset, counts, floor - offset, max - floor + 1);
        _counts = counts;
        _offset = offset;
        _counts[floor - _offset] += folded;
    }

    /// <summary>The bin holding the value of rank <paramref name="rank"/> (0-based) counting up from the lowest bin.</summary>
    public int IndexAtRankAscending(long rank)
    {
        long cumulative = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            cumulative += _counts[i];
            if (cumulative > rank)
            {
                return _offset + i;
            }
        }

        return MaxIndex;
    }

    /// <summary>The bin holding the value of rank <paramref name="rank"/> (0-based) counting down from the highest bin.</summary>
    public int IndexAtRankDescending(long rank)
    {
        long cumulative = 0;
        for (var i = _counts.Length - 1; i >= 0; i--)
        {
            cumulative += _counts[i];
            if (cumulative > rank)
            {
                return _offset + i;
            }
        }

        return MinIndex;
    }

    private void AddOutsideArray(int index, long count)
    {
        if (IsEmpty)
        {
            Reserve(index, index, 0, -1);
        }
        else
        {
            var (min, max) = (MinIndex, MaxIndex);
            if (index > max)
            {
                // A new highest bin: everything below index − MaxBins + 1 folds into that bin.
                var floor = (int)Math.Max(min, (long)index - MaxBins + 1);
                var folded = Fold(min, floor - 1);
                Reserve(floor, index, floor, Math.Min(max, index));
                _counts[floor - _offset] += folded;
            }
            else
            {
                // Below the lowest bin: it joins the lowest bin the limit allows.
                index = (int)Math.Max(index, (long)max - MaxBins + 1);
                Reserve(Math.Min(index, min), max, min, max);
            }
        }

        _counts[index - _offset] = checked(_counts[index - _offset] + count);
    }

    /// <summary>Zeroes the bins [from, to] and returns their total.</summary>
    private long Fold(int from, int to)
    {
        long folded = 0;
        for (var index = Math.Max(from, _offset); index <= to && index - _offset < _counts.Length; index++)
        {
            folded += _counts[index - _offset];
            _counts[index - _offset] = 0;
        }

        return folded;
    }

    /// <summary>
    /// Makes the array cover [lo, hi] (hi − lo &lt; MaxBins), keeping the live bins [liveMin, liveMax] (none when
    /// liveMin &gt; liveMax; bins outside it must already be zero).
    /// </summary>
    private void Reserve(int lo, int hi, int liveMin, int liveMax)
    {
        if (lo >= _offset && (long)hi < (long)_offset + _counts.Length)
        {
            return;
        }

        var needed = hi - lo + 1;
        var length = _counts.Length;
        if (needed > length)
        {
            var grown = Math.Max(needed, 2 * length);
            grown = (grown + GrowthChunk - 1) / GrowthChunk * GrowthChunk;
            length = Math.Max(needed, Math.Min(grown, MaxBins));
        }

        var offset = lo - ((length - needed) / 2);
        var counts = length == _counts.Length ? _counts : new long[length];
        if (liveMin <= liveMax)
        {
            Array.Copy(_counts, liveMin - _offset, counts, liveMin - offset, liveMax - liveMin + 1);
        }

        if (ReferenceEquals(counts, _counts))
        {
            // Shifted in place: clear whatever lies outside the moved live range.
            if (liveMin <= liveMax)
            {
                Array.Clear(counts, 0, liveMin - offset);
                Array.Clear(counts, liveMax - offset + 1, length - (liveMax - offset + 1));
            }
            else
            {
                Array.Clear(counts);
            }
        }

        _counts = counts;
        _offset = offset;
    }
}
