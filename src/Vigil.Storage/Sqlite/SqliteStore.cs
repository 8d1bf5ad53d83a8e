using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Vigil.Core.Events;
using Vigil.Core.Models;
using Vigil.Core.Windows;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file (<c>vigil.db</c>) in the data directory, in WAL mode with
/// <c>synchronous=FULL</c>, so a committed ingest survives a crash of the process or the machine. Writers take an
/// immediate transaction (one at a time, as SQLite allows); readers run beside them.
/// </summary>
public sealed partial class SqliteStore : IVigilStore
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    /// <summary>Opens (or creates) the store in <paramref name="dataDirectory"/>.</summary>
    public SqliteStore(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        DatabasePath = Path.Combine(Path.GetFullPath(dataDirectory), "vigil.db");
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
    public string Provider => "sqlite";

    /// <inheritdoc/>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        using (var wal = c.CreateCommand())
        {
            // 16 KB pages for a new database (an existing one keeps its size): a raw event is ~0.6 KB and a window
            // row ~0.1 MB, so larger pages mean fewer b-tree splits per insert and shorter overflow chains per read.
            wal.CommandText = "PRAGMA page_size=16384; PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            using var tx = c.BeginTransaction(deferred: false);
            Execute(c, tx, SqliteSchema.Create);
            using var version = c.CreateCommand();
            version.Transaction = tx;
            version.CommandText = "SELECT MAX(version) FROM schema_version";
            var current = version.ExecuteScalar();
            if (current is DBNull or null)
            {
                Execute(c, tx, $"INSERT INTO schema_version (version) VALUES ({SqliteSchema.Version})");
            }
            else if (Convert.ToInt32(current, System.Globalization.CultureInfo.InvariantCulture) > SqliteSchema.Version)
            {
                throw new InvalidOperationException($"{DatabasePath} has schema version {current}, newer than this build ({SqliteSchema.Version}); upgrade vigil.");
            }

            tx.Commit();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<ModelSchema?> GetModelAsync(string model, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        using var cmd = Cmd(c, "SELECT schema_json FROM models WHERE name = $n", ("$n", model));
        return cmd.ExecuteScalar() is string json ? ModelSchemaJson.Deserialize(json) : null;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ModelSchema>> ListModelsAsync(CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        using var cmd = Cmd(c, "SELECT schema_json FROM models ORDER BY name");
        using var r = cmd.ExecuteReader();
        var list = new List<ModelSchema>();
        while (r.Read())
        {
            list.Add(ModelSchemaJson.Deserialize(r.GetString(0)));
        }

        return list;
    }

    /// <inheritdoc/>
    public Task PutModelAsync(ModelSchema schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return WriteAsync(
            (c, tx) => Execute(c, tx, "INSERT INTO models (name, schema_json, created_at, updated_at) VALUES ($n, $j, $t, $t) ON CONFLICT (name) DO UPDATE SET schema_json = excluded.schema_json, updated_at = excluded.updated_at",
                ("$n", schema.Name), ("$j", ModelSchemaJson.Serialize(schema)), ("$t", now)),
            cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<bool> HasPredictionsAsync(string model, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        using var cmd = Cmd(c, "SELECT EXISTS (SELECT 1 FROM predictions WHERE model = $m) OR EXISTS (SELECT 1 FROM windows WHERE model = $m)", ("$m", model));
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    /// <inheritdoc/>
    public Task PutReferenceAsync(string model, string version, byte[] profile, CancellationToken cancellationToken) =>
        WriteAsync(
            (c, tx) => Execute(c, tx, "INSERT INTO reference_profiles (model, version, profile, created_at) VALUES ($m, $v, $p, $t) ON CONFLICT (model, version) DO UPDATE SET profile = excluded.profile, created_at = excluded.created_at",
                ("$m", model), ("$v", version), ("$p", profile), ("$t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())),
            cancellationToken);

    /// <inheritdoc/>
    public async Task<byte[]?> GetReferenceAsync(string model, string version, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        using var cmd = Cmd(c, "SELECT profile FROM reference_profiles WHERE model = $m AND version = $v", ("$m", model), ("$v", version));
        return cmd.ExecuteScalar() as byte[];
    }

    /// <inheritdoc/>
    public async Task<IIngestSession> BeginIngestAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var c = await OpenAsync(cancellationToken);
            return new SqliteIngestSession(c, c.BeginTransaction(deferred: false), _writeLock);
        }
        catch
        {
            _writeLock.Release();
            throw;
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<StoredWindow>> GetWindowsAsync(WindowQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var c = await OpenAsync(cancellationToken);
        using var cmd = WindowRows(c, query, "profile");
        using var r = cmd.ExecuteReader();
        var list = new List<StoredWindow>();
        while (r.Read())
        {
            list.Add(new StoredWindow(WindowKeyOf(r), (byte[])r.GetValue(4)));
        }

        return list;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<RejectCount>> GetRejectsAsync(string model, DateTimeOffset from, DateTimeOffset to, string? version, string? variant, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        using var cmd = Cmd(c, "SELECT version, variant, start, SUM(count) FROM rejects WHERE model = $m AND start >= $f AND start < $t"
            + (version is null ? string.Empty : " AND version = $v")
            + (variant is null ? string.Empty : " AND variant = $var")
            + " GROUP BY version, variant, start ORDER BY start",
            ("$m", model), ("$f", from.ToUnixTimeMilliseconds()), ("$t", to.ToUnixTimeMilliseconds()), ("$v", version), ("$var", variant));
        using var r = cmd.ExecuteReader();
        var list = new List<RejectCount>();
        while (r.Read())
        {
            list.Add(new RejectCount(r.GetString(0), r.GetString(1), FromMs(r.GetInt64(2)), r.GetInt64(3)));
        }

        return list;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<(string Version, DateTimeOffset First, DateTimeOffset Last)>> ListVersionsAsync(string model, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        using var cmd = Cmd(c, "SELECT version, MIN(start), MAX(start) FROM windows WHERE model = $m AND segment = '' GROUP BY version ORDER BY version", ("$m", model));
        using var r = cmd.ExecuteReader();
        var list = new List<(string, DateTimeOffset, DateTimeOffset)>();
        while (r.Read())
        {
            list.Add((r.GetString(0), FromMs(r.GetInt64(1)), FromMs(r.GetInt64(2))));
        }

        return list;
    }

    /// <inheritdoc/>
    public async Task<int> CompactAsync(string model, Func<IReadOnlyList<byte[]>, byte[]> merge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(merge);
        var keys = new List<(string Version, string Variant, string Segment, long Start)>();
        await using (var c = await OpenAsync(cancellationToken))
        {
            using var cmd = Cmd(c, "SELECT version, variant, segment, start FROM windows WHERE model = $m GROUP BY version, variant, segment, start HAVING COUNT(*) > 1", ("$m", model));
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                keys.Add((r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3)));
            }
        }

        const int KeysPerTransaction = 64;
        for (var at = 0; at < keys.Count; at += KeysPerTransaction)
        {
            var chunk = keys.Skip(at).Take(KeysPerTransaction).ToList();
            await WriteAsync((c, tx) => CompactKeys(c, tx, model, chunk, merge), cancellationToken);
        }

        return keys.Count;
    }

    private static void CompactKeys(SqliteConnection c, SqliteTransaction tx, string model, List<(string Version, string Variant, string Segment, long Start)> keys, Func<IReadOnlyList<byte[]>, byte[]> merge)
    {
        foreach (var k in keys)
        {
            var seqs = new List<long>();
            var blobs = new List<byte[]>();
            using (var read = Cmd(c, "SELECT seq, profile FROM windows WHERE model = $m AND version = $v AND variant = $var AND segment = $s AND start = $st ORDER BY seq",
                ("$m", model), ("$v", k.Version), ("$var", k.Variant), ("$s", k.Segment), ("$st", k.Start)))
            {
                read.Transaction = tx;
                using var r = read.ExecuteReader();
                while (r.Read())
                {
                    seqs.Add(r.GetInt64(0));
                    blobs.Add((byte[])r.GetValue(1));
                }
            }

            if (blobs.Count < 2)
            {
                continue;
            }

            var merged = merge(blobs);
            Execute(c, tx, $"DELETE FROM windows WHERE seq IN ({string.Join(',', seqs)})");
            InsertWindows(c, tx, model, [new StoredWindow(new WindowKey(k.Version, k.Variant, k.Segment, FromMs(k.Start)), merged)]);
        }
    }

    /// <summary>The hour-bucket bounds (<c>$fh</c>, <c>$th</c>) of a raw-prediction time range, so it is read through <c>predictions_hour</c>.</summary>
    private static string HourRange(string table = "") => $"{table}{RawHours.Of} >= $fh AND {table}{RawHours.Of} <= $th";

    /// <inheritdoc/>
    public async Task RebuildAsync(string model, DateTimeOffset from, DateTimeOffset to, Func<IAsyncEnumerable<RebuildRow>, Task<IReadOnlyList<StoredWindow>>> build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var c = await OpenAsync(cancellationToken);
            using var tx = c.BeginTransaction(deferred: false);
            var (f, t) = (from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
            Execute(c, tx, "DELETE FROM windows WHERE model = $m AND start >= $f AND start < $t", ("$m", model), ("$f", f), ("$t", t));
            var windows = await build(ReadRebuildRows(c, tx, model, f, t, cancellationToken));
            Execute(c, tx, $"UPDATE labels SET joined = 1 WHERE model = $m AND joined = 0 AND id IN (SELECT id FROM predictions WHERE model = $m AND {HourRange()} AND ts >= $f AND ts < $t)", ("$m", model), ("$f", f), ("$t", t), ("$fh", RawHours.Hour(f)), ("$th", RawHours.Hour(t)));
            InsertWindows(c, tx, model, windows);
            tx.Commit();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static async IAsyncEnumerable<RebuildRow> ReadRebuildRows(SqliteConnection c, SqliteTransaction tx, string model, long from, long to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var cmd = Cmd(c, $"SELECT p.raw, l.id, l.label, l.value, l.ts FROM predictions p LEFT JOIN labels l ON l.model = p.model AND l.id = p.id WHERE p.model = $m AND {HourRange("p.")} AND p.ts >= $f AND p.ts < $t ORDER BY p.ts",
            ("$m", model), ("$f", from), ("$t", to), ("$fh", RawHours.Hour(from)), ("$th", RawHours.Hour(to)));
        cmd.Transaction = tx;
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var label = r.IsDBNull(1) ? null : new LabelRecord(r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? double.NaN : r.GetDouble(3), r.GetInt64(4));
            yield return new RebuildRow((byte[])r.GetValue(0), label);
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task<long> DeleteRawBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        long total = 0;
        var ms = cutoff.ToUnixTimeMilliseconds();
        var models = new List<string>();
        await using (var c = await OpenAsync(cancellationToken))
        {
            using var list = Cmd(c, RawHours.ModelsWithPredictions);
            using var r = list.ExecuteReader();
            while (r.Read())
            {
                models.Add(r.GetString(0));
            }
        }

        // Model by model, so the range is read through predictions_hour (model, hour).
        foreach (var model in models)
        {
            while (true)
            {
                long deleted = 0;
                await WriteAsync(
                    (c, tx) =>
                    {
                        Execute(c, tx, "CREATE TEMP TABLE IF NOT EXISTS doomed (model TEXT, id TEXT); DELETE FROM doomed;");
                        Execute(c, tx, $"INSERT INTO doomed SELECT model, id FROM predictions WHERE model = $m AND {RawHours.Of} <= $ch AND ts < $c LIMIT 20000", ("$m", model), ("$c", ms), ("$ch", RawHours.Hour(ms)));
                        Execute(c, tx, "DELETE FROM labels WHERE (model, id) IN (SELECT model, id FROM doomed)");
                        deleted = Execute(c, tx, "DELETE FROM predictions WHERE (model, id) IN (SELECT model, id FROM doomed)");
                        Execute(c, tx, "DROP TABLE doomed");
                    },
                    cancellationToken);
                total += deleted;
                if (deleted < 20000)
                {
                    break;
                }
            }
        }

        return total;
    }

    /// <inheritdoc/>
    public async Task<(long Predictions, long Labels, long Unjoined)> CountRawAsync(string model, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        using var cmd = Cmd(c, "SELECT (SELECT COUNT(*) FROM predictions WHERE model = $m), (SELECT COUNT(*) FROM labels WHERE model = $m), (SELECT COUNT(*) FROM labels WHERE model = $m AND joined = 0)", ("$m", model));
        using var r = cmd.ExecuteReader();
        r.Read();
        return (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2));
    }

    /// <inheritdoc/>
    public async Task<bool[]> InsertPipelineRunsAsync(string pipeline, IReadOnlyList<PipelineRun> runs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var inserted = new bool[runs.Count];
        await WriteAsync(
            (c, tx) =>
            {
                for (var i = 0; i < runs.Count; i++)
                {
                    var r = runs[i];
                    inserted[i] = Execute(c, tx, "INSERT INTO pipeline_runs (pipeline, id, scheduled_at, completed_at, rows, violations) VALUES ($p, $id, $s, $c, $r, $v) ON CONFLICT DO NOTHING",
                        ("$p", pipeline), ("$id", r.Id), ("$s", r.ScheduledAt.ToUnixTimeMilliseconds()), ("$c", r.CompletedAt?.ToUnixTimeMilliseconds()), ("$r", r.Rows), ("$v", r.SchemaViolations)) == 1;
                }
            },
            cancellationToken);
        return inserted;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PipelineRun>> GetPipelineRunsAsync(string pipeline, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        using var cmd = Cmd(c, "SELECT id, scheduled_at, completed_at, rows, violations FROM pipeline_runs WHERE pipeline = $p AND scheduled_at >= $f AND scheduled_at < $t ORDER BY scheduled_at, id",
            ("$p", pipeline), ("$f", from.ToUnixTimeMilliseconds()), ("$t", to.ToUnixTimeMilliseconds()));
        return ReadRuns(cmd);
    }

    /// <inheritdoc/>
    public async Task<PipelineRun?> GetLastCompletedRunAsync(string pipeline, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        using var cmd = Cmd(c, "SELECT id, scheduled_at, completed_at, rows, violations FROM pipeline_runs WHERE pipeline = $p AND completed_at IS NOT NULL ORDER BY completed_at DESC LIMIT 1", ("$p", pipeline));
        return ReadRuns(cmd).FirstOrDefault();
    }

    private static List<PipelineRun> ReadRuns(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<PipelineRun>();
        while (r.Read())
        {
            list.Add(new PipelineRun(r.GetString(0), FromMs(r.GetInt64(1)), r.IsDBNull(2) ? null : FromMs(r.GetInt64(2)), r.GetInt64(3), r.GetInt64(4)));
        }

        return list;
    }

    /// <inheritdoc/>
    public Task InsertApiKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return WriteAsync(
            (c, tx) => Execute(c, tx, "INSERT INTO api_keys (id, name, scopes, secret_hash, created_at, revoked_at) VALUES ($id, $n, $s, $h, $c, $r)",
                ("$id", key.Id), ("$n", key.Name), ("$s", string.Join(',', key.Scopes)), ("$h", key.SecretHash), ("$c", key.CreatedAt.ToUnixTimeMilliseconds()), ("$r", key.RevokedAt?.ToUnixTimeMilliseconds())),
            cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<ApiKeyRecord?> FindApiKeyAsync(string id, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        using var cmd = Cmd(c, "SELECT id, name, scopes, secret_hash, created_at, revoked_at FROM api_keys WHERE id = $id", ("$id", id));
        return ReadKeys(cmd).FirstOrDefault();
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        using var cmd = Cmd(c, "SELECT id, name, scopes, secret_hash, created_at, revoked_at FROM api_keys ORDER BY created_at, id");
        return ReadKeys(cmd);
    }

    /// <inheritdoc/>
    public async Task<bool> RevokeApiKeyAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var changed = 0;
        await WriteAsync((c, tx) => changed = Execute(c, tx, "UPDATE api_keys SET revoked_at = $r WHERE id = $id AND revoked_at IS NULL", ("$r", at.ToUnixTimeMilliseconds()), ("$id", id)), cancellationToken);
        return changed == 1;
    }

    private static List<ApiKeyRecord> ReadKeys(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<ApiKeyRecord>();
        while (r.Read())
        {
            list.Add(new ApiKeyRecord(r.GetString(0), r.GetString(1), r.GetString(2).Split(',', StringSplitOptions.RemoveEmptyEntries), (byte[])r.GetValue(3), FromMs(r.GetInt64(4)), r.IsDBNull(5) ? null : FromMs(r.GetInt64(5))));
        }

        return list;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _writeLock.Dispose();
        return ValueTask.CompletedTask;
    }

    internal static void InsertWindows(SqliteConnection c, SqliteTransaction tx, string model, IReadOnlyList<StoredWindow> windows)
    {
        using var cmd = Cmd(c, "INSERT INTO windows (model, version, variant, segment, start, profile) VALUES ($m, $v, $var, $s, $st, $p)", ("$m", model));
        cmd.Transaction = tx;
        var v = cmd.Parameters.Add("$v", SqliteType.Text);
        var variant = cmd.Parameters.Add("$var", SqliteType.Text);
        var s = cmd.Parameters.Add("$s", SqliteType.Text);
        var st = cmd.Parameters.Add("$st", SqliteType.Integer);
        var p = cmd.Parameters.Add("$p", SqliteType.Blob);
        foreach (var w in windows)
        {
            (v.Value, variant.Value, s.Value, st.Value, p.Value) = (w.Key.Version, w.Key.Variant, w.Key.Segment, w.Key.Start.ToUnixTimeMilliseconds(), w.Profile);
            cmd.ExecuteNonQuery();
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var c = new SqliteConnection(_connectionString);
        await c.OpenAsync(cancellationToken);
        using var pragma = c.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=60000; PRAGMA cache_size=-65536;";
        pragma.ExecuteNonQuery();
        return c;
    }

    private async Task WriteAsync(Action<SqliteConnection, SqliteTransaction> write, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var c = await OpenAsync(cancellationToken);
            using var tx = c.BeginTransaction(deferred: false);
            write(c, tx);
            tx.Commit();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static SqliteCommand Cmd(SqliteConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return cmd;
    }

    private static int Execute(SqliteConnection c, SqliteTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Cmd(c, sql, parameters);
        cmd.Transaction = tx;
        return cmd.ExecuteNonQuery();
    }

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
