using Vigil.Core.Windows;

namespace Vigil.Storage;

/// <summary>
/// One ingest transaction: raw rows, joins and window deltas commit together or not at all, so a window never
/// counts an event that was not stored, and an acknowledged event is always counted.
/// </summary>
public interface IIngestSession : IAsyncDisposable
{
    /// <summary>Inserts predictions, skipping ids the model already has; returns, per row, whether it was new.</summary>
    Task<bool[]> InsertPredictionsAsync(string model, IReadOnlyList<PredictionRecord> rows, CancellationToken cancellationToken);

    /// <summary>Inserts labels, skipping ids already labelled; returns, per row, whether it was new.</summary>
    Task<bool[]> InsertLabelsAsync(string model, IReadOnlyList<LabelRecord> rows, CancellationToken cancellationToken);

    /// <summary>
    /// Claims labels not yet joined whose prediction is stored, among <paramref name="ids"/> (or any, when null; at
    /// most <paramref name="limit"/>), marks them joined and returns the pairs. Two sessions never claim one pair.
    /// </summary>
    Task<IReadOnlyList<JoinedRecord>> ClaimJoinsAsync(string model, IReadOnlyList<string>? ids, int limit, CancellationToken cancellationToken);

    /// <summary>Adds window deltas (merged into their windows by readers and by compaction).</summary>
    Task AddWindowsAsync(string model, IReadOnlyList<StoredWindow> deltas, CancellationToken cancellationToken);

    /// <summary>Adds counts of rejected rows.</summary>
    Task AddRejectsAsync(string model, IReadOnlyList<RejectCount> rejects, CancellationToken cancellationToken);

    /// <summary>Commits; after it returns the rows are durable. Disposing without committing rolls back.</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
