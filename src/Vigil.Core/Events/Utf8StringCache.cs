using System.Diagnostics.CodeAnalysis;

namespace Vigil.Core.Events;

/// <summary>
/// Strings already decoded from JSON, found again by their UTF-8 bytes, so that the values events repeat
/// (categories, stage and segment names, segment values, versions, labels) are not allocated for every event.
/// </summary>
/// <remarks>
/// One cache per parser, shared by the requests parsing with it at the same time, without locks: open addressing
/// over a fixed table whose entries are immutable once published and never removed, so a reader sees either no
/// entry (and decodes the value as it would without the cache) or a whole one. Callers add only a string that
/// <see cref="System.Text.Json.Utf8JsonReader"/> decoded from exactly those bytes (not escaped), and only after
/// every check the value had to pass, so a hit gives the same string and the same verdict as decoding again.
/// Bounded: keys of at most <see cref="MaxKeyBytes"/> bytes, at most <see cref="MaxEntries"/> entries in all and
/// <see cref="MaxPerGroup"/> per group (one group per feature, one per kind of name), so a feature with many
/// distinct values cannot keep the others out; past the bounds values are decoded as before. Under a race an
/// entry may be lost or a bound passed by a few entries, which costs only an allocation later.
/// </remarks>
internal sealed class Utf8StringCache
{
    /// <summary>Longest key kept.</summary>
    public const int MaxKeyBytes = 64;

    /// <summary>Most entries in all.</summary>
    public const int MaxEntries = 2048;

    /// <summary>Most entries of one group.</summary>
    public const int MaxPerGroup = 256;

    private const int Slots = 4096; // a power of two, twice MaxEntries
    private const int MaxProbes = 8;
    private readonly int[] _groupCounts;
    private Entry?[]? _table;
    private int _count;

    /// <summary>Creates an empty cache for <paramref name="groups"/> groups (the table is allocated on the first add).</summary>
    public Utf8StringCache(int groups) => _groupCounts = new int[groups];

    /// <summary>The string decoded earlier from <paramref name="utf8"/>, if the cache holds it.</summary>
    public bool TryGet(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out string? value)
    {
        var table = Volatile.Read(ref _table);
        if (table is not null && utf8.Length <= MaxKeyBytes)
        {
            var hash = Hash(utf8);
            for (var p = 0; p < MaxProbes; p++)
            {
                var entry = Volatile.Read(ref table[(hash + p) & (Slots - 1)]);
                if (entry is null)
                {
                    break;
                }

                if (entry.Hash == hash && utf8.SequenceEqual(entry.Bytes))
                {
                    value = entry.Text;
                    return true;
                }
            }
        }

        value = null;
        return false;
    }

    /// <summary>Keeps <paramref name="text"/>, decoded from <paramref name="utf8"/>, when the bounds allow.</summary>
    public void Add(int group, ReadOnlySpan<byte> utf8, string text)
    {
        if (utf8.Length > MaxKeyBytes || Volatile.Read(ref _count) >= MaxEntries || Volatile.Read(ref _groupCounts[group]) >= MaxPerGroup)
        {
            return;
        }

        var table = Volatile.Read(ref _table);
        if (table is null)
        {
            Interlocked.CompareExchange(ref _table, new Entry?[Slots], null);
            table = Volatile.Read(ref _table)!;
        }

        var hash = Hash(utf8);
        Entry? added = null;
        for (var p = 0; p < MaxProbes; p++)
        {
            ref var slot = ref table[(hash + p) & (Slots - 1)];
            var entry = Volatile.Read(ref slot);
            if (entry is null)
            {
                added ??= new Entry(hash, utf8.ToArray(), text);
                entry = Interlocked.CompareExchange(ref slot, added, null);
                if (entry is null)
                {
                    Interlocked.Increment(ref _count);
                    Interlocked.Increment(ref _groupCounts[group]);
                    return;
                }
            }

            if (entry.Hash == hash && utf8.SequenceEqual(entry.Bytes))
            {
                return;
            }
        }
    }

    /// <summary>FNV-1a: the keys are short, and a key that collides costs only a probe or a miss.</summary>
    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = 2166136261u;
        foreach (var b in utf8)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash ^ (hash >> 15));
    }

    private sealed class Entry(int hash, byte[] bytes, string text)
    {
        public int Hash { get; } = hash;

        public byte[] Bytes { get; } = bytes;

        public string Text { get; } = text;
    }
}
