using System.Data;
using Npgsql;
using NpgsqlTypes;
using Vigil.Storage.Registry;

namespace Vigil.Storage.Postgres;

/// <summary>
/// The registry on PostgreSQL, shared by several <c>vigil serve</c> processes. Every transition runs in a
/// read-committed transaction that first takes one transaction-scoped advisory lock
/// (<c>pg_advisory_xact_lock</c>), so transitions of all processes run one at a time and each reads the state
/// committed by the one before; webhook deliveries are claimed with <c>FOR UPDATE SKIP LOCKED</c>, so two
/// processes never take the same delivery.
/// </summary>
/// <remarks>Times are stored as Unix milliseconds; times read back are UTC with millisecond precision.</remarks>
public sealed partial class PostgresRegistryStore : IRegistryStore
{
    /// <summary>Advisory lock key that serializes registry transitions ("vigilreg").</summary>
    private const long ChangeLock = 0x7669_6769_6C72_6567;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;

    /// <summary>Opens the registry on the database of <paramref name="connectionString"/> (an Npgsql connection string).</summary>
    /// <param name="connectionString">For example <c>Host=db;Database=vigil;Username=vigil;Password=...</c>.</param>
    /// <param name="time">The clock for webhook delivery times (default: the system clock).</param>
    public PostgresRegistryStore(string connectionString, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public Task MigrateAsync(CancellationToken cancellationToken) => PostgresRegistrySchema.MigrateAsync(_dataSource, cancellationToken);

    /// <inheritdoc/>
    public async Task<T> ChangeAsync<T>(string model, Func<RegistryState, RegistryDecision<T>> decide, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(decide);
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await ExecuteAsync(c, tx, "SELECT pg_advisory_xact_lock(@k)", cancellationToken, Long("k", ChangeLock));

        // Read committed: every statement from here sees what the previous holder of the lock committed.
        var decision = decide(await ReadStateAsync(c, tx, model, cancellationToken))
            ?? throw new InvalidOperationException($"the registry transition of model '{model}' returned no decision.");
        if (decision.Change is not { } change)
        {
            await tx.RollbackAsync(cancellationToken);
            return decision.Result;
        }

        RegistryCodec.CheckChange(model, change);
        await ApplyAsync(c, tx, model, change, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return decision.Result;
    }

    /// <inheritdoc/>
    public async Task<RegistryState> GetStateAsync(string model, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);

        // One snapshot for all the lists, so they agree with each other.
        await using var tx = await c.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var state = await ReadStateAsync(c, tx, model, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return state;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<RegistryModel>> ListModelsAsync(CancellationToken cancellationToken)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var cmd = Cmd(c, null, $"SELECT {ModelColumns} FROM registry_models ORDER BY name COLLATE \"C\"");
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<RegistryModel>();
        while (await r.ReadAsync(cancellationToken))
        {
            list.Add(ReadModel(r));
        }

        return list;
    }

    /// <inheritdoc/>
    public async Task<RegistryBaseline?> GetBaselineAsync(string model, CancellationToken cancellationToken)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var cmd = Cmd(c, null, "SELECT model, version, at, eval_run_id, metrics_json, reference_profile FROM registry_baselines WHERE model = @m ORDER BY id DESC LIMIT 1",
            Text("m", model));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        return await r.ReadAsync(cancellationToken)
            ? new RegistryBaseline(r.GetString(0), r.GetString(1), FromMs(r.GetInt64(2)), NullableString(r, 3), NullableString(r, 4), r.IsDBNull(5) ? null : r.GetFieldValue<byte[]>(5))
            : null;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static NpgsqlCommand Cmd(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, params NpgsqlParameter[] parameters)
    {
        var cmd = new NpgsqlCommand(sql, c, tx);
        cmd.Parameters.AddRange(parameters);
        return cmd;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var cmd = Cmd(c, tx, sql, parameters);
        return await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Text(string name, string? value) => new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Long(string name, long? value) => new(name, NpgsqlDbType.Bigint) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Int(string name, int? value) => new(name, NpgsqlDbType.Integer) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Time(string name, DateTimeOffset? value) => Long(name, value is { } t ? RegistryCodec.ToMs(t) : null);

    private static NpgsqlParameter Bytes(string name, byte[]? value) => new(name, NpgsqlDbType.Bytea) { Value = (object?)value ?? DBNull.Value };

    private static string? NullableString(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateTimeOffset FromMs(long ms) => RegistryCodec.FromMs(ms);
}
