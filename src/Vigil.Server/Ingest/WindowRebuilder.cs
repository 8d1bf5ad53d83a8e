using Vigil.Core.Events;
using Vigil.Core.Models;
using Vigil.Core.Windows;
using Vigil.Storage;

namespace Vigil.Server.Ingest;

/// <summary>Rebuilds window profiles from the raw predictions and labels the store still holds.</summary>
public static class WindowRebuilder
{
    /// <summary>Replaces the windows of <paramref name="schema"/> starting in [from, to); returns the predictions read.</summary>
    public static async Task<long> RebuildAsync(IVigilStore store, ModelSchema schema, DateTimeOffset from, DateTimeOffset to, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(schema);
        long count = 0;
        await store.RebuildAsync(schema.Name, from, to, async rows =>
        {
            var builder = new WindowProfileBuilder(schema);
            var parser = new PredictionParser(schema, time, stored: true);
            await foreach (var row in rows.ConfigureAwait(false))
            {
                var p = parser.Parse(row.Prediction, 0, out _);
                if (p is null)
                {
                    continue;
                }

                count++;
                builder.AddPrediction(p);
                if (row.Label is { } l)
                {
                    builder.AddLabel(p, l.ToEvent());
                }
            }

            return [.. builder.Windows.Select(w => new StoredWindow(w.Key, WindowProfileFormat.ToBytes(w.Value)))];
        }, ct).ConfigureAwait(false);
        return count;
    }
}
