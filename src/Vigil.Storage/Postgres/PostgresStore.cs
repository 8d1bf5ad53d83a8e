using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Vigil.Core.Models;

namespace Vigil.Storage.Postgres;

/// <summary>
/// The server store on PostgreSQL, for several stateless <c>vigil serve</c> processes sharing one database. No
/// process owns anything: ingest runs in read-committed transactions whose inserts are idempotent
/// (<c>ON CONFLICT DO NOTHING</c>), joins and compaction take rows with <c>FOR UPDATE SKIP LOCKED</c> so a row is
/// consumed once, and rebuilds run in a repeatable-read transaction under a per-model advisory lock.
/// </summary>
/// <remarks>Times are stored as Unix milliseconds; times read back are UTC with millisecond precision.</remarks>
public sealed partial class PostgresStore : IVigilStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;

    /// <summary>Opens a store on the database of <paramref name="connectionString"/> (an Npgsql connection string).</summary>
    /// <param name="connectionString">For example <c>Host=db;Database=vigil;Username=vigil;Password=...</c>.</param>
    /// <param name="timeProvider">The clock for created/updated times (default: the system clock).</param>
    public PostgresStore(string connectionString, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public string Provider => "postgres";

    /// <inheritdoc/>
    public Task MigrateAsync(CancellationToken cancellationToken) => PostgresSchema.MigrateAsync(_dataSource, cancellationToken);

    /// <inheritdoc/>
    public async Task<ModelSchema?> GetModelAsync(string model, CancellationToken cancellationToken)
    {
        await using var cmd = _dataSource.CreateCommand("SELECT schema_json FROM models WHERE name = @n");
        cmd.Parameters.Add(new NpgsqlParameter<string>("n", model));
        return await cmd.ExecuteScalarAsync(cancellationToken) is string json ? ModelSchemaJson.Deserialize(json) : null;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ModelSchema>> ListModelsAsync(CancellationToken cancellationToken)
    {
        await using var cmd = _dataSource.CreateCommand("SELECT schema_json FROM models ORDER BY name");
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<ModelSchema>();
        while (await r.ReadAsync(cancellationToken))
        {
            list.Add(ModelSchemaJson.Deserialize(r.GetString(0)));
        }

        return list;
    }

    /// <inheritdoc/>
    public async Task PutModelAsync(ModelSchema schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        await using var cmd = _dataSource.CreateCommand("""
            INSERT INTO models (name, schema_json, created_at, updated_at) VALUES (@n, @j, @t, @t)
            ON CONFLICT (name) DO UPDATE SET schema_json = excluded.schema_json, updated_at = excluded.updated_at
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string>("n", schema.Name));
        cmd.Parameters.Add(new NpgsqlParameter<string>("j", ModelSchemaJson.Serialize(schema)));
        cmd.Parameters.Add(new NpgsqlParameter<long>("t", Now()));
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<bool> HasPredictionsAsync(string model, CancellationToken cancellationToken)
    {
        // Windows count too: retention may have deleted every raw prediction of a model that has history.
        await using var cmd = _dataSource.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM predictions WHERE model = @m) OR EXISTS (SELECT 1 FROM windows WHERE model = @m)");
        cmd.Parameters.Add(new NpgsqlParameter<string>("m", model));
        return (bool)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc/>
    public async Task PutReferenceAsync(string model, string version, byte[] profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        await using var cmd = _dataSource.CreateCommand("""
            INSERT INTO reference_profiles (model, version, profile, created_at) VALUES (@m, @v, @p, @t)
            ON CONFLICT (model, version) DO UPDATE SET profile = excluded.profile, created_at = excluded.created_at
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string>("m", model));
        cmd.Parameters.Add(new NpgsqlParameter<string>("v", version));
        cmd.Parameters.Add(new NpgsqlParameter<byte[]>("p", profile));
        cmd.Parameters.Add(new NpgsqlParameter<long>("t", Now()));
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<byte[]?> GetReferenceAsync(string model, string version, CancellationToken cancellationToken)
    {
        await using var cmd = _dataSource.CreateCommand("SELECT profile FROM reference_profiles WHERE model = @m AND version = @v");
        cmd.Parameters.Add(new NpgsqlParameter<string>("m", model));
        cmd.Parameters.Add(new NpgsqlParameter<string>("v", version));
        return await cmd.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    /// <inheritdoc/>
    public async Task<IIngestSession> BeginIngestAsync(CancellationToken cancellationToken)
    {
        var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            return new PostgresIngestSession(c, await c.BeginTransactionAsync(cancellationToken));
        }
        catch
        {
            await c.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc/>
    public async Task<(long Predictions, long Labels, long Unjoined)> CountRawAsync(string model, CancellationToken cancellationToken)
    {
        await using var cmd = _dataSource.CreateCommand("""
            SELECT (SELECT count(*) FROM predictions WHERE model = @m), (SELECT count(*) FROM labels WHERE model = @m),
                   (SELECT count(*) FROM labels WHERE model = @m AND NOT joined)
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string>("m", model));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        await r.ReadAsync(cancellationToken);
        return (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2));
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>Reads a label from columns id, label, value, ts starting at <paramref name="first"/>.</summary>
    internal static LabelRecord ReadLabel(DbDataReader r, int first) => new(
        r.GetString(first),
        r.IsDBNull(first + 1) ? null : r.GetString(first + 1),
        r.IsDBNull(first + 2) ? double.NaN : r.GetDouble(first + 2),
        r.GetInt64(first + 3));

    /// <summary>Inserts window rows in one statement.</summary>
    internal static async Task InsertWindowsAsync(NpgsqlConnection c, NpgsqlTransaction tx, string model, IReadOnlyList<StoredWindow> windows, CancellationToken cancellationToken)
    {
        if (windows.Count == 0)
        {
            return;
        }

        var versions = new string[windows.Count];
        var variants = new string[windows.Count];
        var segments = new string[windows.Count];
        var starts = new long[windows.Count];
        var profiles = new byte[windows.Count][];
        for (var i = 0; i < windows.Count; i++)
        {
            var (key, profile) = (windows[i].Key, windows[i].Profile);
            ArgumentNullException.ThrowIfNull(profile);
            (versions[i], variants[i], segments[i], starts[i], profiles[i]) = (key.Version, key.Variant, key.Segment, PostgresBatch.ToMs(key.Start), profile);
        }

        await using var cmd = new NpgsqlCommand("""
            INSERT INTO windows (model, version, variant, segment, start, profile)
            SELECT @m, u.version, u.variant, u.segment, u.start, u.profile
            FROM unnest(@versions, @variants, @segments, @starts, @profiles) AS u (version, variant, segment, start, profile)
            """, c, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string>("m", model));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("versions", versions));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("variants", variants));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("segments", segments));
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("starts", starts));
        cmd.Parameters.Add(new NpgsqlParameter<byte[][]>("profiles", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { TypedValue = profiles });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
