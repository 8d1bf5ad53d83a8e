using Vigil.Core.Events;
using Vigil.Core.Models;
using Vigil.Core.Windows;
using Vigil.Storage;

namespace Vigil.Server.Ingest;

/// <summary>A validated batch waiting for the writer; completed when its transaction commits (or fails).</summary>
internal abstract class IngestWork(ModelSchema schema)
{
    public ModelSchema Schema { get; } = schema;

    public TaskCompletionSource<IngestCounts> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public abstract int Size { get; }
}

/// <summary>
/// Validated predictions as they will be stored (and the counts of rows rejected from their batch), with their
/// window deltas built by the request (in parallel, off the single writer) on the assumption that every event is
/// new; the writer uses them when the insert confirms it and recounts the new rows alone (re-read from their
/// JSON) otherwise.
/// </summary>
internal sealed class PredictionWork(ModelSchema schema, List<PredictionRecord> records, List<RejectCount> rejects, WindowProfileBuilder? windows = null) : IngestWork(schema)
{
    public List<PredictionRecord> Records { get; } = records;

    private WindowProfileBuilder? _windows = windows;

    /// <summary>
    /// The windows of all <see cref="Records"/>, or null once taken: the writer takes them for its first attempt
    /// only, so a retried transaction counts the rows again from their JSON.
    /// </summary>
    public WindowProfileBuilder? TakeWindows() => Interlocked.Exchange(ref _windows, null);

    public List<RejectCount> Rejects { get; } = rejects;

    public override int Size => Records.Count;
}

/// <summary>Labels.</summary>
internal sealed class LabelWork(ModelSchema schema, List<LabelEvent> labels) : IngestWork(schema)
{
    public List<LabelEvent> Labels { get; } = labels;

    public override int Size => Labels.Count;
}

/// <summary>What a committed batch did: rows new to the store, rows already there, labels joined.</summary>
internal readonly record struct IngestCounts(int Accepted, int Duplicates, int Joined);
