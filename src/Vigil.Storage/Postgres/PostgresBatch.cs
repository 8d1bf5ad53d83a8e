using System.Runtime.InteropServices;

namespace Vigil.Storage.Postgres;

/// <summary>
/// Prepares id-keyed batches for one <c>INSERT ... SELECT FROM unnest(...) ON CONFLICT DO NOTHING</c>: keeps the
/// first occurrence of each id (a later duplicate in the same batch is not new) and orders the rows by id, so two
/// sessions inserting overlapping batches take their row locks in one order and cannot deadlock.
/// </summary>
internal static class PostgresBatch
{
    /// <summary>Indexes of the first occurrence of each id, ordered by id (ordinal).</summary>
    public static int[] UniqueSorted<T>(IReadOnlyList<T> rows, Func<T, string> id)
    {
        var first = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            first.TryAdd(id(rows[i]), i);
        }

        var keys = new string[first.Count];
        var indexes = new int[first.Count];
        var n = 0;
        foreach (var (key, index) in first)
        {
            keys[n] = key;
            indexes[n++] = index;
        }

        Array.Sort(keys, indexes, StringComparer.Ordinal);
        return indexes;
    }

    /// <summary>Per row, whether the insert returned its id; only the first occurrence of an id can be new.</summary>
    public static bool[] MarkInserted<T>(IReadOnlyList<T> rows, Func<T, string> id, HashSet<string> returned)
    {
        var inserted = new bool[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            // Remove: a second occurrence of the id in the batch finds it gone and stays "not new".
            inserted[i] = returned.Remove(id(rows[i]));
        }

        return inserted;
    }

    /// <summary>The bytes as an array, without a copy when the memory is a whole array.</summary>
    public static byte[] ToArray(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();

    /// <summary>Unix milliseconds of <paramref name="time"/>.</summary>
    public static long ToMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    /// <summary>The UTC time of <paramref name="ms"/> Unix milliseconds.</summary>
    public static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
