using Vigil.Core.Windows;
using Vigil.Storage;

namespace Vigil.Server.Queries;

/// <summary>Reads a range's window rows and merges them into one profile per (version, variant, bucket).</summary>
internal static class WindowSeries
{
    public static async Task<SortedDictionary<(string Version, string Variant), SortedDictionary<DateTimeOffset, WindowProfile>>> LoadAsync(
        IVigilStore store, string model, QueryRange range, CancellationToken cancellationToken)
    {
        var rows = await store.GetWindowsAsync(new WindowQuery(model, range.From, range.To, range.Version, range.Variant, range.Segment), cancellationToken).ConfigureAwait(false);
        var profiles = new WindowProfile[rows.Count];
        Parallel.For(0, rows.Count, i => profiles[i] = WindowProfileFormat.Read(rows[i].Profile));
        var series = new SortedDictionary<(string, string), SortedDictionary<DateTimeOffset, WindowProfile>>();
        for (var i = 0; i < rows.Count; i++)
        {
            var key = rows[i].Key;
            var group = (key.Version, key.Variant);
            if (!series.TryGetValue(group, out var buckets))
            {
                series[group] = buckets = [];
            }

            var bucket = range.Bucket(key.Start);
            if (buckets.TryGetValue(bucket, out var merged))
            {
                merged.Merge(profiles[i]);
            }
            else
            {
                buckets[bucket] = profiles[i];
            }
        }

        return series;
    }
}
