namespace Vigil.Storage.Registry;

/// <summary>
/// The registry's records: models, versions, stages, aliases, approvals, baselines, the hash-chained audit log,
/// evaluation runs, golden sets and webhook deliveries. SQLite and PostgreSQL implement it and pass the same
/// contract tests. Every registry change goes through <see cref="ChangeAsync{T}"/>, which serializes changes
/// across all processes sharing the database, so rules checked inside it (one Production version, an alias's
/// target exists) cannot be raced.
/// </summary>
public interface IRegistryStore : IAsyncDisposable
{
    /// <summary>Creates or upgrades the registry tables (safe to run from several processes at once).</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs a registry transition: in one write transaction that excludes every other <c>ChangeAsync</c> (any
    /// model, any process), reads <paramref name="model"/>'s state, calls <paramref name="decide"/> once, and when
    /// it returns a change, writes it (audit entries numbered and chained after the current head, one webhook
    /// delivery per matching webhook and event) and commits. Returns the decision's result.
    /// </summary>
    Task<T> ChangeAsync<T>(string model, Func<RegistryState, RegistryDecision<T>> decide, CancellationToken cancellationToken);

    /// <summary>A model's state as last committed (models not registered: <see cref="RegistryState.Model"/> null, lists empty).</summary>
    Task<RegistryState> GetStateAsync(string model, CancellationToken cancellationToken);

    /// <summary>All registered models, by name.</summary>
    Task<IReadOnlyList<RegistryModel>> ListModelsAsync(CancellationToken cancellationToken);

    /// <summary>The model's latest monitoring baseline, or null.</summary>
    Task<RegistryBaseline?> GetBaselineAsync(string model, CancellationToken cancellationToken);

    /// <summary>Audit entries matching <paramref name="query"/>, in sequence order.</summary>
    Task<IReadOnlyList<AuditEntry>> GetAuditAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Every audit entry from the first, in sequence order (for verification).</summary>
    IAsyncEnumerable<AuditEntry> ReadAuditAsync(CancellationToken cancellationToken);

    /// <summary>Records an evaluation run (its id must be new).</summary>
    Task InsertEvalRunAsync(EvalRunRecord run, CancellationToken cancellationToken);

    /// <summary>An evaluation run by id, or null.</summary>
    Task<EvalRunRecord?> GetEvalRunAsync(string id, CancellationToken cancellationToken);

    /// <summary>Evaluation runs matching <paramref name="query"/>, newest first.</summary>
    Task<IReadOnlyList<EvalRunRecord>> ListEvalRunsAsync(EvalRunQuery query, CancellationToken cancellationToken);

    /// <summary>Registers a golden set version; false (and nothing changed) when that name already has that hash.</summary>
    Task<bool> PutGoldenSetAsync(GoldenSetRecord set, CancellationToken cancellationToken);

    /// <summary>A golden set version: the given hash, or the newest registered under the name when null; null when none.</summary>
    Task<GoldenSetRecord?> GetGoldenSetAsync(string name, string? sha256, CancellationToken cancellationToken);

    /// <summary>Golden set versions (one name, or all), newest first.</summary>
    Task<IReadOnlyList<GoldenSetRecord>> ListGoldenSetsAsync(string? name, CancellationToken cancellationToken);

    /// <summary>Adds a webhook.</summary>
    Task InsertWebhookAsync(WebhookRecord webhook, CancellationToken cancellationToken);

    /// <summary>All webhooks.</summary>
    Task<IReadOnlyList<WebhookRecord>> ListWebhooksAsync(CancellationToken cancellationToken);

    /// <summary>Removes a webhook and its pending deliveries; false when there is no such webhook.</summary>
    Task<bool> DeleteWebhookAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Takes up to <paramref name="max"/> pending deliveries due at <paramref name="now"/> (oldest first) and leases
    /// them until <paramref name="leaseUntil"/> (their due time is moved there), so no other process takes them
    /// meanwhile.
    /// </summary>
    Task<IReadOnlyList<WebhookDelivery>> ClaimDeliveriesAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken);

    /// <summary>Logs an attempt and updates its delivery (attempts + 1, status, next due time, last status and error).</summary>
    Task RecordAttemptAsync(WebhookAttempt attempt, CancellationToken cancellationToken);

    /// <summary>Deliveries (one webhook's, or all), newest first.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string? webhookId, int limit, CancellationToken cancellationToken);

    /// <summary>A delivery's attempts, oldest first.</summary>
    Task<IReadOnlyList<WebhookAttempt>> ListAttemptsAsync(long deliveryId, CancellationToken cancellationToken);
}

/// <summary>What a transition decided: its result, and the change to write (null: nothing is written).</summary>
/// <typeparam name="T">The result type.</typeparam>
/// <param name="Result">Returned to the caller of <see cref="IRegistryStore.ChangeAsync{T}"/>.</param>
/// <param name="Change">What to write, or null (a refusal or a no-op).</param>
public sealed record RegistryDecision<T>(T Result, RegistryChange? Change);

/// <summary>Which audit entries to read.</summary>
/// <param name="Model">One model, or all.</param>
/// <param name="From">Entries at or after this time, or from the start.</param>
/// <param name="To">Entries before this time, or to the end.</param>
/// <param name="AfterSeq">Entries after this sequence number (paging).</param>
/// <param name="Limit">At most this many.</param>
public sealed record AuditQuery(string? Model = null, DateTimeOffset? From = null, DateTimeOffset? To = null, long AfterSeq = 0, int Limit = 1000);
