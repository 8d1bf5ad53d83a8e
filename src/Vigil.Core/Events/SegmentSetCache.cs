using System.Runtime.CompilerServices;

namespace Vigil.Core.Events;

/// <summary>
/// The segment arrays of recent events, so that events tagged alike (the same names and values, in the same order)
/// share one read-only array instead of each allocating its own.
/// </summary>
/// <remarks>
/// Names and values come from the parser's <see cref="Utf8StringCache"/>, so events tagged alike hold the very same
/// strings, and arrays are compared by reference, item by item. Direct-mapped: a set replaces whatever its slot held
/// (a miss costs one array, as without the cache). Arrays are written complete before they are published, and never
/// changed after, so threads may share them without locks.
/// </remarks>
internal sealed class SegmentSetCache
{
    private const int Slots = 64;
    private readonly KeyValuePair<string, string>[]?[] _sets = new KeyValuePair<string, string>[]?[Slots];

    /// <summary>An array equal to <paramref name="items"/>: a cached one when the same strings were met before.</summary>
    public KeyValuePair<string, string>[] Get(ReadOnlySpan<KeyValuePair<string, string>> items)
    {
        if (items.IsEmpty)
        {
            return [];
        }

        var hash = 0;
        foreach (var item in items)
        {
            hash = HashCode.Combine(hash, RuntimeHelpers.GetHashCode(item.Key), RuntimeHelpers.GetHashCode(item.Value));
        }

        ref var slot = ref _sets[hash & (Slots - 1)];
        var cached = Volatile.Read(ref slot);
        if (cached is not null && Same(cached, items))
        {
            return cached;
        }

        var set = items.ToArray();
        Volatile.Write(ref slot, set);
        return set;
    }

    private static bool Same(KeyValuePair<string, string>[] cached, ReadOnlySpan<KeyValuePair<string, string>> items)
    {
        if (cached.Length != items.Length)
        {
            return false;
        }

        for (var i = 0; i < items.Length; i++)
        {
            if (!ReferenceEquals(cached[i].Key, items[i].Key) || !ReferenceEquals(cached[i].Value, items[i].Value))
            {
                return false;
            }
        }

        return true;
    }
}
