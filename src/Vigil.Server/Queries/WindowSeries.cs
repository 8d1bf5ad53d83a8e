using Vigil.Core.Windows;
using Vigil.Storage;

namespace Vigil.Server.Queries;

/// <summary>Reads a range's window rows and merges them into one profile per (version, variant, bucket).</summary>
internal static class WindowSeries
{
    public static async Task<SortedDictionary<(string Version, string Variant), SortedDictionary<DateTimeOffset, WindowProfile>>> LoadAsync(
        IVigilStore store, string model, QueryRange range, CancellationToken cancellationToken)
    {
        var rows = await LoadRowsAsync(store, model, range, cancellationToken).ConfigureAwait(false);
        var series = new SortedDictionary<(string, string), SortedDictionary<DateTimeOffset, WindowProfile>>();
        foreach (var (group, buckets) in rows)
        {
            var merged = buckets.ToArray();
            var profiles = new WindowProfile[merged.Length];
            Parallel.For(0, merged.Length, i => profiles[i] = Merge(merged[i].Value));
            var sorted = new SortedDictionary<DateTimeOffset, WindowProfile>();
            for (var i = 0; i < merged.Length; i++)
            {
                sorted[merged[i].Key] = profiles[i];
            }

            series[group] = sorted;
        }

        return series;
    }

    /// <summary>The range's stored window rows, not yet read, per (version, variant) and bucket, in store order.</summary>
    public static async Task<SortedDictionary<(string Version, string Variant), SortedDictionary<DateTimeOffset, List<byte[]>>>> LoadRowsAsync(
        IVigilStore store, string model, QueryRange range, CancellationToken cancellationToken)
    {
        var rows = await store.GetWindowsAsync(new WindowQuery(model, range.From, range.To, range.Version, range.Variant, range.Segment), cancellationToken).ConfigureAwait(false);
        var series = new SortedDictionary<(string, string), SortedDictionary<DateTimeOffset, List<byte[]>>>();
        foreach (var row in rows)
        {
            var group = (row.Key.Version, row.Key.Variant);
            if (!series.TryGetValue(group, out var buckets))
            {
                series[group] = buckets = [];
            }

            var bucket = range.Bucket(row.Key.Start);
            if (!buckets.TryGetValue(bucket, out var list))
            {
                buckets[bucket] = list = [];
            }

            list.Add(row.Profile);
        }

        return series;
    }

    /// <summary>The sequence numbers of the range's stored window rows (no profile read), per (version, variant) and bucket, in store order.</summary>
    public static async Task<SortedDictionary<(string Version, string Variant), SortedDictionary<DateTimeOffset, List<long>>>> LoadStampsAsync(
        IVigilStore store, string model, QueryRange range, CancellationToken cancellationToken)
    {
        var stamps = await store.GetWindowStampsAsync(new WindowQuery(model, range.From, range.To, range.Version, range.Variant, range.Segment), cancellationToken).ConfigureAwait(false);
        var series = new SortedDictionary<(string, string), SortedDictionary<DateTimeOffset, List<long>>>();
        foreach (var stamp in stamps)
        {
            var group = (stamp.Key.Version, stamp.Key.Variant);
            if (!series.TryGetValue(group, out var buckets))
            {
                series[group] = buckets = [];
            }

            var bucket = range.Bucket(stamp.Key.Start);
            if (!buckets.TryGetValue(bucket, out var list))
            {
                buckets[bucket] = list = [];
            }

            list.Add(stamp.Seq);
        }

        return series;
    }

    /// <summary>The window that merges <paramref name="rows"/> (in order).</summary>
    public static WindowProfile Merge(List<byte[]> rows)
    {
        var merged = WindowProfileFormat.Read(rows[0]);
        for (var i = 1; i < rows.Count; i++)
        {
            merged.Merge(WindowProfileFormat.Read(rows[i]));
        }

        return merged;
    }
}
