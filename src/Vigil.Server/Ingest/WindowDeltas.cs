using Vigil.Core.Events;
using Vigil.Core.Models;
using Vigil.Core.Windows;
using Vigil.Storage;

namespace Vigil.Server.Ingest;

/// <summary>Turns new predictions and fresh joins into window deltas, one builder per model schema.</summary>
internal sealed class WindowDeltas(TimeProvider time)
{
    private readonly Dictionary<ModelSchema, (WindowProfileBuilder Builder, PredictionParser Stored)> _builders = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Counts the rows the store took as new: the request's <paramref name="prebuilt"/> windows when it took them
    /// all, else the new rows alone, re-read from their JSON as rebuilds read them.
    /// </summary>
    public void AddPredictions(ModelSchema schema, List<PredictionRecord> records, bool[] inserted, WindowProfileBuilder? prebuilt = null)
    {
        var (b, parser) = For(schema);
        if (prebuilt is not null && Array.TrueForAll(inserted, static x => x))
        {
            b.Absorb(prebuilt); // every event was new: the request's windows count exactly these events
            return;
        }

        for (var i = 0; i < records.Count; i++)
        {
            if (inserted[i] && parser.Parse(records[i].Raw, i, out _) is { } prediction)
            {
                b.AddPrediction(prediction);
            }
        }
    }

    public void AddJoins(ModelSchema schema, IReadOnlyList<JoinedRecord> joins)
    {
        var (b, parser) = For(schema);
        foreach (var j in joins)
        {
            var prediction = parser.Parse(j.Prediction, 0, out _);
            if (prediction is not null)
            {
                b.AddLabel(prediction, j.Label.ToEvent());
            }
        }
    }

    /// <summary>The windows counted so far, serialized (in parallel, in the builder's order), per model; then empty.</summary>
    public IEnumerable<(string Model, StoredWindow[] Windows)> Drain()
    {
        foreach (var (schema, (builder, _)) in _builders)
        {
            var windows = builder.Windows.ToArray();
            var stored = new StoredWindow[windows.Length];
            Parallel.For(0, windows.Length, i => stored[i] = new StoredWindow(windows[i].Key, WindowProfileFormat.ToBytes(windows[i].Value)));
            if (stored.Length > 0)
            {
                yield return (schema.Name, stored);
            }
        }

        _builders.Clear();
    }

    private (WindowProfileBuilder Builder, PredictionParser Stored) For(ModelSchema schema)
    {
        if (!_builders.TryGetValue(schema, out var b))
        {
            _builders[schema] = b = (new WindowProfileBuilder(schema), new PredictionParser(schema, time, stored: true));
        }

        return b;
    }
}
