using System.Collections.Concurrent;
using Vigil.Core.Events;
using Vigil.Core.Models;
using Vigil.Storage;

namespace Vigil.Server.Ingest;

/// <summary>
/// Models' schemas and their parsers, cached for a few seconds: another server process may change a schema, and
/// this one picks the change up within <see cref="Ttl"/>; a change made here is seen at once.
/// </summary>
internal sealed class SchemaCache(IVigilStore store, TimeProvider time)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<ModelSchema?> GetAsync(string model, CancellationToken ct) => (await EntryAsync(model, ct))?.Schema;

    public async Task<(ModelSchema Schema, PredictionParser Predictions, LabelParser Labels)?> ParsersAsync(string model, CancellationToken ct)
    {
        var e = await EntryAsync(model, ct);
        return e is null ? null : (e.Schema, e.Predictions, e.Labels);
    }

    public void Invalidate(string model) => _entries.TryRemove(model, out _);

    private async Task<Entry?> EntryAsync(string model, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(model, out var e) && e.Until > now)
        {
            return e;
        }

        if (!Names.IsValid(model))
        {
            return null;
        }

        var schema = await store.GetModelAsync(model, ct).ConfigureAwait(false);
        if (schema is null)
        {
            _entries.TryRemove(model, out _);
            return null;
        }

        e = e is not null && ModelSchemaJson.Serialize(e.Schema) == ModelSchemaJson.Serialize(schema)
            ? e with { Until = now + Ttl }
            : new Entry(schema, new PredictionParser(schema, time), new LabelParser(schema, time), now + Ttl);
        _entries[model] = e;
        return e;
    }

    private sealed record Entry(ModelSchema Schema, PredictionParser Predictions, LabelParser Labels, DateTimeOffset Until);
}
