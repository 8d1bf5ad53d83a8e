using Vigil.Core.Events;
using Vigil.Core.Models;

namespace Vigil.Storage;

/// <summary>
/// Everything the server keeps. SQLite (one machine) and PostgreSQL (several stateless servers on one database)
/// implement it and pass the same contract tests; no method assumes it is the only process using the database.
/// </summary>
public interface IVigilStore : IAsyncDisposable
{
    /// <summary>"sqlite" or "postgres".</summary>
    string Provider { get; }

    /// <summary>Creates or upgrades the tables (safe to run from several processes at once).</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>A model's schema, or null.</summary>
    Task<ModelSchema?> GetModelAsync(string model, CancellationToken cancellationToken);

    /// <summary>All models' schemas, by name.</summary>
    Task<IReadOnlyList<ModelSchema>> ListModelsAsync(CancellationToken cancellationToken);

    /// <summary>Creates or replaces a model's schema (the caller checks compatibility).</summary>
    Task PutModelAsync(ModelSchema schema, CancellationToken cancellationToken);

    /// <summary>Whether any prediction of the model was ever stored.</summary>
    Task<bool> HasPredictionsAsync(string model, CancellationToken cancellationToken);

    /// <summary>Stores (or replaces) the reference profile (a <c>.vprof</c> payload) of a model version.</summary>
    Task PutReferenceAsync(string model, string version, byte[] profile, CancellationToken cancellationToken);

    /// <summary>The reference profile of a model version, or null.</summary>
    Task<byte[]?> GetReferenceAsync(string model, string version, CancellationToken cancellationToken);

    /// <summary>Starts an ingest transaction.</summary>
    Task<IIngestSession> BeginIngestAsync(CancellationToken cancellationToken);

    /// <summary>Window rows matching <paramref name="query"/> (several rows of one key are deltas to merge).</summary>
    Task<IReadOnlyList<StoredWindow>> GetWindowsAsync(WindowQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The stamps (key and sequence number, no profile) of the rows <see cref="GetWindowsAsync"/> returns for
    /// <paramref name="query"/>, in the same order: by window start, then sequence number. Reads no profile.
    /// </summary>
    /// <remarks>
    /// Rows are never updated and sequence numbers never reused (see <see cref="WindowStamp"/>), so the stamps of a
    /// window's rows identify its content: a new delta, a compaction or a rebuild changes them.
    /// </remarks>
    Task<IReadOnlyList<WindowStamp>> GetWindowStampsAsync(WindowQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The profiles (<c>WindowProfileFormat</c> payloads) of the model's window rows whose sequence numbers are in
    /// <paramref name="seqs"/>, by sequence number. A row deleted since its stamp was read (merged by a compaction,
    /// replaced by a rebuild) is absent from the answer: the caller reads the stamps again.
    /// </summary>
    Task<IReadOnlyDictionary<long, byte[]>> GetWindowProfilesAsync(string model, IReadOnlyCollection<long> seqs, CancellationToken cancellationToken);

    /// <summary>Rejected-row counts of a model in [from, to), optionally of one version and variant.</summary>
    Task<IReadOnlyList<RejectCount>> GetRejectsAsync(string model, DateTimeOffset from, DateTimeOffset to, string? version, string? variant, CancellationToken cancellationToken);

    /// <summary>The versions that have windows, with their first and last window start.</summary>
    Task<IReadOnlyList<(string Version, DateTimeOffset First, DateTimeOffset Last)>> ListVersionsAsync(string model, CancellationToken cancellationToken);

    /// <summary>
    /// Merges the delta rows of each window key that has more than one into a single row, each key in its own
    /// transaction; concurrent compactions never merge a row twice. Returns the number of keys compacted.
    /// </summary>
    Task<int> CompactAsync(string model, Func<IReadOnlyList<byte[]>, byte[]> merge, CancellationToken cancellationToken);

    /// <summary>
    /// Rebuilds the model's windows starting in [from, to) from the raw predictions (and their labels) in one
    /// transaction: deletes those windows, streams the rows to <paramref name="build"/>, and stores what it returns.
    /// </summary>
    Task RebuildAsync(string model, DateTimeOffset from, DateTimeOffset to, Func<IAsyncEnumerable<RebuildRow>, Task<IReadOnlyList<StoredWindow>>> build, CancellationToken cancellationToken);

    /// <summary>Deletes raw predictions (and their labels) older than <paramref name="cutoff"/>; windows stay. Returns rows deleted.</summary>
    Task<long> DeleteRawBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>Counts of the model's stored predictions and labels (joined and waiting).</summary>
    Task<(long Predictions, long Labels, long Unjoined)> CountRawAsync(string model, CancellationToken cancellationToken);

    /// <summary>Inserts pipeline runs, skipping ids the pipeline already has; returns, per row, whether it was new.</summary>
    Task<bool[]> InsertPipelineRunsAsync(string pipeline, IReadOnlyList<PipelineRun> runs, CancellationToken cancellationToken);

    /// <summary>A pipeline's runs scheduled in [from, to), oldest first.</summary>
    Task<IReadOnlyList<PipelineRun>> GetPipelineRunsAsync(string pipeline, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>The pipeline's latest completed run, or null.</summary>
    Task<PipelineRun?> GetLastCompletedRunAsync(string pipeline, CancellationToken cancellationToken);

    /// <summary>Stores a new API key.</summary>
    Task InsertApiKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken);

    /// <summary>An API key by id, or null.</summary>
    Task<ApiKeyRecord?> FindApiKeyAsync(string id, CancellationToken cancellationToken);

    /// <summary>All API keys (hashes only).</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(CancellationToken cancellationToken);

    /// <summary>Revokes a key; false when there is no such key.</summary>
    Task<bool> RevokeApiKeyAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);
}
