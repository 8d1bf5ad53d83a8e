using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Vigil.Statistics.Sketches;

/// <summary>
/// The counters of a Misra-Gries summary: label → counter, with a min-heap on the counters and a global offset, so
/// that subtracting the same amount from every counter is O(1) and dropping the counters that reach zero is
/// O(log k) each.
/// </summary>
/// <remarks>
/// Counters live in slots 0..Count−1 (compact); a slot stores raw = counter + offset, so counter = raw − offset.
/// Incrementing a known label is a dictionary lookup plus a sift-down: no allocation.
/// </remarks>
internal sealed class MisraGriesCounters
{
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly int _capacityLimit;
    private string[] _labels = [];
    private long[] _raw = [];
    private int[] _heap = [];
    private int[] _position = [];
    private long _offset;

    public MisraGriesCounters(int capacityLimit) => _capacityLimit = capacityLimit;

    /// <summary>The number of counters.</summary>
    public int Count { get; private set; }

    /// <summary>The smallest counter (Count &gt; 0).</summary>
    public long MinCounter => _raw[_heap[0]] - _offset;

    /// <summary>The label in <paramref name="slot"/> (0 ≤ slot &lt; Count).</summary>
    public string LabelAt(int slot) => _labels[slot];

    /// <summary>The counter in <paramref name="slot"/> (0 ≤ slot &lt; Count).</summary>
    public long CounterAt(int slot) => _raw[slot] - _offset;

    /// <summary>The counter of <paramref name="label"/>, or 0 when it has none.</summary>
    public long CounterOf(string label) => _slots.TryGetValue(label, out var slot) ? CounterAt(slot) : 0;

    /// <summary>Adds <paramref name="amount"/> to the counter of <paramref name="label"/> if it has one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryIncrement(string label, long amount)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrNullRef(_slots, label);
        if (Unsafe.IsNullRef(ref slot))
        {
            return false;
        }

        _raw[slot] = checked(_raw[slot] + amount);
        SiftDown(_position[slot]);
        return true;
    }

    /// <summary>Adds a counter for a new <paramref name="label"/> (Count &lt; capacity limit).</summary>
    public void Insert(string label, long counter)
    {
        if (Count == _labels.Length)
        {
            Grow();
        }

        var slot = Count++;
        _slots.Add(label, slot);
        _labels[slot] = label;
        _raw[slot] = counter + _offset;
        _heap[slot] = slot;
        _position[slot] = slot;
        SiftUp(slot);
    }

    /// <summary>Subtracts <paramref name="amount"/> from every counter and drops those that reach zero or below.</summary>
    public void SubtractFromAll(long amount)
    {
        _offset += amount;
        while (Count > 0 && _raw[_heap[0]] <= _offset)
        {
            RemoveMin();
        }
    }

    /// <summary>Removes every counter.</summary>
    public void Clear()
    {
        _slots.Clear();
        Array.Clear(_labels);
        Count = 0;
        _offset = 0;
    }

    private void RemoveMin()
    {
        var removed = _heap[0];
        Count--;
        var last = _heap[Count];
        _heap[0] = last;
        _position[last] = 0;
        if (Count > 0)
        {
            SiftDown(0);
        }

        _slots.Remove(_labels[removed]);
        if (removed != Count)
        {
            // Keep the slots compact: the last slot moves into the freed one.
            var moved = Count;
            _labels[removed] = _labels[moved];
            _raw[removed] = _raw[moved];
            var position = _position[moved];
            _heap[position] = removed;
            _position[removed] = position;
            CollectionsMarshal.GetValueRefOrNullRef(_slots, _labels[removed]) = removed;
        }

        _labels[Count] = null!;
    }

    private void SiftDown(int position)
    {
        var slot = _heap[position];
        var value = _raw[slot];
        while (true)
        {
            var child = (2 * position) + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && _raw[_heap[child + 1]] < _raw[_heap[child]])
            {
                child++;
            }

            if (_raw[_heap[child]] >= value)
            {
                break;
            }

            _heap[position] = _heap[child];
            _position[_heap[position]] = position;
            position = child;
        }

        _heap[position] = slot;
        _position[slot] = position;
    }

    private void SiftUp(int position)
    {
        var slot = _heap[position];
        var value = _raw[slot];
        while (position > 0)
        {
            var parent = (position - 1) / 2;
            if (_raw[_heap[parent]] <= value)
            {
                break;
            }

            _heap[position] = _heap[parent];
            _position[_heap[position]] = position;
            position = parent;
        }

        _heap[position] = slot;
        _position[slot] = position;
    }

    private void Grow()
    {
        var capacity = (int)Math.Min(_capacityLimit, Math.Max(16L, 2L * _labels.Length));
        Array.Resize(ref _labels, capacity);
        Array.Resize(ref _raw, capacity);
        Array.Resize(ref _heap, capacity);
        Array.Resize(ref _position, capacity);
    }
}
