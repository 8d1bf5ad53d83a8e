using System.Runtime.CompilerServices;

namespace Vigil.Statistics.Sketches;

/// <summary>
/// Counts per bin index in a contiguous array, holding at most <see cref="MaxBins"/> bins: when the indices span
/// more, the lowest bins are folded into the lowest bin kept (DataDog's <c>CollapsingLowestDenseStore</c>).
/// </summary>
/// <remarks>
/// The state is a function of the multiset of indices added, never of their order: with M the highest index seen
/// and m the lowest, the bins kept are [max(m, M − MaxBins + 1), M] and the lowest kept bin also holds every count
/// below it. The window only moves up, so a bin folded once stays folded; adding, merging and re-reading therefore
/// give identical bins in any order.
/// </remarks>
internal sealed class CollapsingLowestDenseStore
{
    private const int GrowthChunk = 64;

    private long[] _counts = [];
    private int _offset;
    private int _minIndex = int.MaxValue;
    private int _maxIndex = int.MinValue;

    public CollapsingLowestDenseStore(int maxBins) => MaxBins = maxBins;

    /// <summary>The most bins kept.</summary>
    public int MaxBins { get; private set; }

    /// <summary>True when nothing was added.</summary>
    public bool IsEmpty => _maxIndex < _minIndex;

    /// <summary>The sum of the counts (summed over the bins: the hot path keeps no total).</summary>
    public long TotalCount
    {
        get
        {
            long total = 0;
            for (var index = _minIndex; index <= _maxIndex; index++)
            {
                total = checked(total + _counts[index - _offset]);
            }

            return total;
        }
    }

    /// <summary>The lowest non-empty bin (holding the folded counts after a collapse); undefined when empty.</summary>
    public int MinIndex => _minIndex;

    /// <summary>The highest non-empty bin; undefined when empty.</summary>
    public int MaxIndex => _maxIndex;

    /// <summary>The count in bin <paramref name="index"/> (0 outside [MinIndex, MaxIndex]).</summary>
    public long this[int index] => index >= _minIndex && index <= _maxIndex ? _counts[index - _offset] : 0;

    /// <summary>Adds one to bin <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int index)
    {
        if (index >= _minIndex && index <= _maxIndex)
        {
            _counts[index - _offset]++;
            return;
        }

        AddOutsideRange(index, 1);
    }

    /// <summary>Adds <paramref name="count"/> (positive) to bin <paramref name="index"/>.</summary>
    public void Add(int index, long count)
    {
        if (index >= _minIndex && index <= _maxIndex)
        {
            _counts[index - _offset] = checked(_counts[index - _offset] + count);
            return;
        }

        AddOutsideRange(index, count);
    }

    /// <summary>Adds every bin of <paramref name="other"/>, highest first so at most one collapse happens.</summary>
    public void MergeFrom(CollapsingLowestDenseStore other)
    {
        if (other.IsEmpty)
        {
            return;
        }

        var (min, max) = (other._minIndex, other._maxIndex);
        for (var index = max; index >= min; index--)
        {
            var count = other._counts[index - other._offset];
            if (count != 0)
            {
                Add(index, count);
            }
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
        var floor = (long)_maxIndex - maxBins + 1;
        if (!IsEmpty && floor > _minIndex)
        {
            FoldBelow((int)floor);
        }
    }

    /// <summary>The bin holding the value of rank <paramref name="rank"/> (0-based) counting up from the lowest bin.</summary>
    public int IndexAtRankAscending(long rank)
    {
        long cumulative = 0;
        for (var index = _minIndex; index < _maxIndex; index++)
        {
            cumulative += _counts[index - _offset];
            if (cumulative > rank)
            {
                return index;
            }
        }

        return _maxIndex;
    }

    /// <summary>The bin holding the value of rank <paramref name="rank"/> (0-based) counting down from the highest bin.</summary>
    public int IndexAtRankDescending(long rank)
    {
        long cumulative = 0;
        for (var index = _maxIndex; index > _minIndex; index--)
        {
            cumulative += _counts[index - _offset];
            if (cumulative > rank)
            {
                return index;
            }
        }

        return _minIndex;
    }

    private void AddOutsideRange(int index, long count)
    {
        if (IsEmpty)
        {
            Reserve(index, index);
            _minIndex = _maxIndex = index;
        }
        else if (index > _maxIndex)
        {
            var floor = (long)index - MaxBins + 1;
            if (floor > _minIndex)
            {
                FoldBelow((int)floor);
            }

            Reserve(_minIndex, index);
            _maxIndex = index;
        }
        else
        {
            // index < _minIndex: below the window it joins the lowest bin allowed.
            var target = (int)Math.Max(index, (long)_maxIndex - MaxBins + 1);
            if (target < _minIndex)
            {
                Reserve(target, _maxIndex);
                _minIndex = target;
            }

            index = target;
        }

        _counts[index - _offset] = checked(_counts[index - _offset] + count);
    }

    /// <summary>Moves the counts of bins below <paramref name="floor"/> into bin <paramref name="floor"/>, which becomes the lowest.</summary>
    private void FoldBelow(int floor)
    {
        long folded = 0;
        var end = Math.Min(floor - 1, _maxIndex);
        for (var index = _minIndex; index <= end; index++)
        {
            folded += _counts[index - _offset];
            _counts[index - _offset] = 0;
        }

        if (floor > _maxIndex)
        {
            // Everything folds into a bin above the old range: no live bin is left to move.
            _minIndex = int.MaxValue;
            _maxIndex = int.MinValue;
            Reserve(floor, floor);
            _maxIndex = floor;
        }
        else
        {
            _minIndex = floor;
            Reserve(floor, _maxIndex);
        }

        _minIndex = floor;
        _counts[floor - _offset] += folded;
    }

    /// <summary>Makes the array cover [lo, hi] (hi − lo &lt; MaxBins), keeping the counts of the live range.</summary>
    private void Reserve(int lo, int hi)
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
        var liveMin = Math.Max(_minIndex, lo);
        var liveMax = Math.Min(_maxIndex, hi);
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
