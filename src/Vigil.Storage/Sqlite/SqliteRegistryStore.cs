using System.Globalization;
using Microsoft.Data.Sqlite;
using Vigil.Storage.Registry;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// The registry on SQLite: tables prefixed <c>registry_</c> (plus evaluation runs, golden sets and webhooks) in the
/// same <c>vigil.db</c> as <see cref="SqliteStore"/>, in WAL mode with <c>synchronous=FULL</c>. Every write runs in
/// a <c>BEGIN IMMEDIATE</c> transaction, which SQLite grants to one connection of any process at a time, so a
/// transition's read of the state and its write cannot interleave with another's; an in-process semaphore queues
/// this instance's writers before they reach SQLite's busy wait.
/// </summary>
/// <remarks>Times are stored as Unix milliseconds; times read back are UTC with millisecond precision.</remarks>
public sealed partial class SqliteRegistryStore : IRegistryStore
{
    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    /// <summary>Opens (or creates) the registry in <paramref name="dataDirectory"/>'s <c>vigil.db</c>.</summary>
    /// <param name="dataDirectory">The data directory (created when missing).</param>
    /// <param name="time">The clock for webhook delivery times (default: the system clock).</param>
    public SqliteRegistryStore(string dataDirectory, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        DatabasePath = Path.Combine(Path.GetFullPath(dataDirectory), "vigil.db");
        _time = time ?? TimeProvider.System;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 60,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc/>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using (var c = await OpenAsync(cancellationToken))
        {
            using var wal = Cmd(c, null, "PRAGMA journal_mode=WAL;");
            wal.ExecuteNonQuery();
        }

        await WriteAsync(
            (c, tx) =>
            {
                Execute(c, tx, SqliteRegistrySchema.Create);
                using var version = Cmd(c, tx, "SELECT MAX(version) FROM registry_schema_version");
                var current = version.ExecuteScalar();
                if (current is DBNull or null)
                {
                    Execute(c, tx, "INSERT INTO registry_schema_version (version) VALUES ($v)", ("$v", SqliteRegistrySchema.Version));
                }
                else if (Convert.ToInt32(current, CultureInfo.InvariantCulture) > SqliteRegistrySchema.Version)
                {
                    throw new InvalidOperationException(
                        $"{DatabasePath} has registry schema version {current}, newer than this build ({SqliteRegistrySchema.Version}); upgrade vigil.");
                }

                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<T> ChangeAsync<T>(string model, Func<RegistryState, RegistryDecision<T>> decide, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(decide);
        T result = default!;
        await WriteAsync(
            (c, tx) =>
            {
                var decision = decide(ReadState(c, tx, model))
                    ?? throw new InvalidOperationException($"the registry transition of model '{model}' returned no decision.");
                result = decision.Result;
                if (decision.Change is not { } change)
                {
                    return false;
                }

                RegistryCodec.CheckChange(model, change);
                Apply(c, tx, model, change);
                return true;
            },
            cancellationToken);
        return result;
    }

    /// <inheritdoc/>
    public async Task<RegistryState> GetStateAsync(string model, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        await using var c = await OpenAsync(cancellationToken);

        // A deferred transaction reads one snapshot of the WAL, so the lists agree with each other.
        using var tx = c.BeginTransaction(deferred: true);
        return ReadState(c, tx, model);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<RegistryModel>> ListModelsAsync(CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        using var cmd = Cmd(c, null, $"SELECT {ModelColumns} FROM registry_models ORDER BY name");
        using var r = cmd.ExecuteReader();
        var list = new List<RegistryModel>();
        while (r.Read())
        {
            list.Add(ReadModel(r));
        }

        return list;
    }

    /// <inheritdoc/>
    public async Task<RegistryBaseline?> GetBaselineAsync(string model, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        using var cmd = Cmd(c, null, "SELECT model, version, at, eval_run_id, metrics_json, reference_profile FROM registry_baselines WHERE model = $m ORDER BY id DESC LIMIT 1", ("$m", model));
        using var r = cmd.ExecuteReader();
        return r.Read()
            ? new RegistryBaseline(r.GetString(0), r.GetString(1), FromMs(r.GetInt64(2)), NullableString(r, 3), NullableString(r, 4), r.IsDBNull(5) ? null : (byte[])r.GetValue(5))
            : null;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _writeLock.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var c = new SqliteConnection(_connectionString);
        await c.OpenAsync(cancellationToken);
        using var pragma = c.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=60000;";
        pragma.ExecuteNonQuery();
        return c;
    }

    /// <summary>Runs <paramref name="write"/> in an immediate transaction; commits when it returns true, else rolls back.</summary>
    private async Task WriteAsync(Func<SqliteConnection, SqliteTransaction, bool> write, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var c = await OpenAsync(cancellationToken);
            using var tx = c.BeginTransaction(deferred: false);
            if (write(c, tx))
            {
                tx.Commit();
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static SqliteCommand Cmd(SqliteConnection c, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return cmd;
    }

    private static int Execute(SqliteConnection c, SqliteTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Cmd(c, tx, sql, parameters);
        return cmd.ExecuteNonQuery();
    }

    private static string? NullableString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static long ToMs(DateTimeOffset time) => RegistryCodec.ToMs(time);

    private static long? ToMs(DateTimeOffset? time) => time is { } t ? RegistryCodec.ToMs(t) : null;

    private static DateTimeOffset FromMs(long ms) => RegistryCodec.FromMs(ms);
}
