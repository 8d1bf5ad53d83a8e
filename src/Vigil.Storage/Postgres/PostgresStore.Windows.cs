using System.Data;
using System.Runtime.CompilerServices;
using Npgsql;
using Vigil.Core.Windows;

namespace Vigil.Storage.Postgres;

/// <summary>Windows, rejects, compaction, rebuild and retention.</summary>
public sealed partial class PostgresStore
{
    /// <summary>Rows deleted per retention statement (keeps each transaction short).</summary>
    private const int RetentionBatch = 20_000;

    /// <summary>Attempts of a rebuild that loses a serialization conflict to concurrent ingest.</summary>
    private const int RebuildAttempts = 5;

    /// <summary>The per-model advisory lock key: compactions take it shared, rebuilds exclusive.</summary>
    private const string ModelLockKey = "hashtextextended('vigil-model:' || @m, 0)";

    /// <inheritdoc/>
    public async Task<IReadOnlyList<StoredWindow>> GetWindowsAsync(WindowQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var cmd = WindowRows(query, "profile");
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<StoredWindow>();
        while (await r.ReadAsync(cancellationToken))
        {
            list.Add(new StoredWindow(WindowKeyOf(r), r.GetFieldValue<byte[]>(4)));
        }

        return list;
    }

    /// <inheritdoc/>
    /// <remarks>Reads the heap tuples only: a profile (past 2 KB) lives in the TOAST table and is not fetched.</remarks>
    public async Task<IReadOnlyList<WindowStamp>> GetWindowStampsAsync(WindowQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var cmd = WindowRows(query, "seq");
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<WindowStamp>();
        while (await r.ReadAsync(cancellationToken))
        {
            list.Add(new WindowStamp(WindowKeyOf(r), r.GetInt64(4)));
        }

        return list;
    }

    /// <summary>The query's window rows, in store order (start, then seq): the key in columns 0-3, then <paramref name="last"/>.</summary>
    private NpgsqlCommand WindowRows(WindowQuery query, string last)
    {
        var cmd = _dataSource.CreateCommand(
            $"SELECT version, variant, segment, start, {last} FROM windows WHERE model = @m AND segment = @s AND start >= @f AND start < @t"
            + (query.Version is null ? string.Empty : " AND version = @v")
            + (query.Variant is null ? string.Empty : " AND variant = @var")
            + " ORDER BY start, seq");
        cmd.Parameters.Add(new NpgsqlParameter<string>("m", query.Model));
        cmd.Parameters.Add(new NpgsqlParameter<string>("s", query.Segment));
        AddRange(cmd, query.From, query.To);
        AddOptional(cmd, "v", query.Version);
        AddOptional(cmd, "var", query.Variant);
        return cmd;
    }

    private static WindowKey WindowKeyOf(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), PostgresBatch.FromMs(r.GetInt64(3)));

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<long, byte[]>> GetWindowProfilesAsync(string model, IReadOnlyCollection<long> seqs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seqs);
        var profiles = new Dictionary<long, byte[]>(seqs.Count);
        if (seqs.Count == 0)
        {
            return profiles;
        }

        await using var cmd = _dataSource.CreateCommand("SELECT seq, profile FROM windows WHERE model = @m AND seq = ANY(@seqs)");
        cmd.Parameters.Add(new NpgsqlParameter<string>("m", model));
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("seqs", [.. seqs]));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            profiles[r.GetInt64(0)] = r.GetFieldValue<byte[]>(1);
        }

        return profiles;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<RejectCount>> GetRejectsAsync(string model, DateTimeOffset from, DateTimeOffset to, string? version, string? variant, CancellationToken cancellationToken)
    {
        await using var cmd = _dataSource.CreateCommand(
            "SELECT version, variant, start, sum(count)::bigint FROM rejects WHERE model = @m AND start >= @f AND start < @t"
            + (version is null ? string.Empty : " AND version = @v")
            + (variant is null ? string.Empty : " AND variant = @var")
            + " GROUP BY version, variant, start ORDER BY start, version, variant");
        cmd.Parameters.Add(new NpgsqlParameter<string>("m", model));
        AddRange(cmd, from, to);
        AddOptional(cmd, "v", version);
        AddOptional(cmd, "var", variant);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<RejectCount>();
        while (await r.ReadAsync(cancellationToken))
        {
            list.Add(new RejectCount(r.GetString(0), r.GetString(1), PostgresBatch.FromMs(r.GetInt64(2)), r.GetInt64(3)));
        }

        return list;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<(string Version, DateTimeOffset First, DateTimeOffset Last)>> ListVersionsAsync(string model, CancellationToken cancellationToken)
    {
        await using var cmd = _dataSource.CreateCommand(
            "SELECT version, min(start), max(start) FROM windows WHERE model = @m AND segment = '' GROUP BY version ORDER BY version");
        cmd.Parameters.Add(new NpgsqlParameter<string>("m", model));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<(string, DateTimeOffset, DateTimeOffset)>();
        while (await r.ReadAsync(cancellationToken))
        {
            list.Add((r.GetString(0), PostgresBatch.FromMs(r.GetInt64(1)), PostgresBatch.FromMs(r.GetInt64(2))));
        }

        return list;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Each key's rows are deleted with <c>FOR UPDATE SKIP LOCKED</c> and their merge inserted in the same
    /// transaction, so a row another compaction holds is left to it: no delta is merged twice or lost. Two
    /// compactions racing on one key may each merge a part and leave two rows; the next compaction joins them.
    /// </remarks>
    public async Task<int> CompactAsync(string model, Func<IReadOnlyList<byte[]>, byte[]> merge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(merge);
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        var keys = new List<WindowKey>();
        await using (var find = new NpgsqlCommand(
            "SELECT version, variant, segment, start FROM windows WHERE model = @m GROUP BY version, variant, segment, start HAVING count(*) > 1", c))
        {
            find.Parameters.Add(new NpgsqlParameter<string>("m", model));
            await using var r = await find.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                keys.Add(new WindowKey(r.GetString(0), r.GetString(1), r.GetString(2), PostgresBatch.FromMs(r.GetInt64(3))));
            }
        }

        var compacted = 0;
        foreach (var key in keys)
        {
            if (await CompactKeyAsync(c, model, key, merge, cancellationToken))
            {
                compacted++;
            }
        }

        return compacted;
    }

    private static async Task<bool> CompactKeyAsync(NpgsqlConnection c, string model, WindowKey key, Func<IReadOnlyList<byte[]>, byte[]> merge, CancellationToken cancellationToken)
    {
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        await using (var lockCmd = new NpgsqlCommand($"SELECT pg_advisory_xact_lock_shared({ModelLockKey})", c, tx))
        {
            lockCmd.Parameters.Add(new NpgsqlParameter<string>("m", model));
            await lockCmd.ExecuteNonQueryAsync(cancellationToken);
        }

        var blobs = new List<byte[]>();
        await using (var take = new NpgsqlCommand("""
            WITH taken AS (
                DELETE FROM windows WHERE seq IN (
                    SELECT seq FROM windows
                    WHERE model = @m AND segment = @s AND start = @st AND version = @v AND variant = @var
                    FOR UPDATE SKIP LOCKED)
                RETURNING seq, profile)
            SELECT profile FROM taken ORDER BY seq
            """, c, tx))
        {
            take.Parameters.Add(new NpgsqlParameter<string>("m", model));
            take.Parameters.Add(new NpgsqlParameter<string>("s", key.Segment));
            take.Parameters.Add(new NpgsqlParameter<long>("st", PostgresBatch.ToMs(key.Start)));
            take.Parameters.Add(new NpgsqlParameter<string>("v", key.Version));
            take.Parameters.Add(new NpgsqlParameter<string>("var", key.Variant));
            await using var r = await take.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                blobs.Add(r.GetFieldValue<byte[]>(0));
            }
        }

        if (blobs.Count < 2)
        {
            await tx.RollbackAsync(cancellationToken);
            return false;
        }

        await InsertWindowsAsync(c, tx, model, [new StoredWindow(key, merge(blobs))], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Holds the model's advisory lock for the whole rebuild (compactions of the model wait) and runs in a
    /// repeatable-read transaction that takes its snapshot after the lock. Ingest committed after the snapshot
    /// keeps its own window deltas, which merge with the rebuilt windows. When concurrent ingest claims a label
    /// the rebuild also joins, the rebuild fails with a serialization error and starts again (calling
    /// <paramref name="build"/> again), up to five attempts.
    /// </remarks>
    public async Task RebuildAsync(string model, DateTimeOffset from, DateTimeOffset to, Func<IAsyncEnumerable<RebuildRow>, Task<IReadOnlyList<StoredWindow>>> build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        var (f, t) = (PostgresBatch.ToMs(from), PostgresBatch.ToMs(to));
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(c, null, $"SELECT pg_advisory_lock({ModelLockKey})", model, cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await RebuildOnceAsync(c, model, f, t, build, cancellationToken);
                    return;
                }
                catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected && attempt < RebuildAttempts)
                {
                }
            }
        }
        finally
        {
            if (c.State == ConnectionState.Open)
            {
                await ExecuteAsync(c, null, $"SELECT pg_advisory_unlock({ModelLockKey})", model, CancellationToken.None);
            }
        }
    }

    private static async Task RebuildOnceAsync(NpgsqlConnection c, string model, long from, long to, Func<IAsyncEnumerable<RebuildRow>, Task<IReadOnlyList<StoredWindow>>> build, CancellationToken cancellationToken)
    {
        await using var tx = await c.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using (var delete = new NpgsqlCommand("DELETE FROM windows WHERE model = @m AND start >= @f AND start < @t", c, tx))
        {
            AddModelRange(delete, model, from, to);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var join = new NpgsqlCommand($$"""
            UPDATE labels l SET joined = true FROM predictions p
            WHERE p.model = @m AND {{HourRange}} AND p.ts >= @f AND p.ts < @t AND l.model = p.model AND l.id = p.id AND NOT l.joined
            """, c, tx))
        {
            AddRawRange(join, model, from, to);
            await join.ExecuteNonQueryAsync(cancellationToken);
        }

        var windows = await build(ReadRebuildRowsAsync(c, tx, model, from, to, cancellationToken));
        ArgumentNullException.ThrowIfNull(windows, nameof(build));
        await InsertWindowsAsync(c, tx, model, windows, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    private static async IAsyncEnumerable<RebuildRow> ReadRebuildRowsAsync(NpgsqlConnection c, NpgsqlTransaction tx, string model, long from, long to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand($$"""
            SELECT p.raw, l.id, l.label, l.value, l.ts FROM predictions p
            LEFT JOIN labels l ON l.model = p.model AND l.id = p.id
            WHERE p.model = @m AND {{HourRange}} AND p.ts >= @f AND p.ts < @t ORDER BY p.ts, p.id
            """, c, tx);
        AddRawRange(cmd, model, from, to);
        await using var r = await cmd.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            var raw = r.GetFieldValue<byte[]>(0);
            yield return new RebuildRow(raw, r.IsDBNull(1) ? null : ReadLabel(r, 1));
        }
    }

    /// <inheritdoc/>
    public async Task<long> DeleteRawBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        long total = 0;
        var ms = PostgresBatch.ToMs(cutoff);
        var models = new List<string>();
        await using (var list = _dataSource.CreateCommand(RawHours.ModelsWithPredictions))
        await using (var r = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await r.ReadAsync(cancellationToken))
            {
                models.Add(r.GetString(0));
            }
        }

        // Model by model, so the range is read through predictions_hour (model, hour).
        foreach (var model in models)
        {
            while (true)
            {
                await using var cmd = _dataSource.CreateCommand($$"""
                    WITH doomed AS (SELECT model, id FROM predictions WHERE model = @m AND {{RawHours.Of}} <= @ch AND ts < @c LIMIT @n FOR UPDATE SKIP LOCKED),
                         gone AS (DELETE FROM labels l USING doomed d WHERE l.model = d.model AND l.id = d.id)
                    DELETE FROM predictions p USING doomed d WHERE p.model = d.model AND p.id = d.id
                    """);
                cmd.Parameters.Add(new NpgsqlParameter<string>("m", model));
                cmd.Parameters.Add(new NpgsqlParameter<long>("c", ms));
                cmd.Parameters.Add(new NpgsqlParameter<long>("ch", RawHours.Hour(ms)));
                cmd.Parameters.Add(new NpgsqlParameter<int>("n", RetentionBatch));
                var deleted = await cmd.ExecuteNonQueryAsync(cancellationToken);
                total += deleted;
                if (deleted < RetentionBatch)
                {
                    break;
                }
            }
        }

        return total;
    }

    private static async Task ExecuteAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, string model, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(sql, c, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string>("m", model));
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The hour-bucket bounds (<c>@fh</c>, <c>@th</c>, added by <see cref="AddRawRange"/>) of a raw-prediction range, so it is read through <c>predictions_hour</c>.</summary>
    private const string HourRange = "p." + RawHours.Of + " >= @fh AND p." + RawHours.Of + " <= @th";

    private static void AddModelRange(NpgsqlCommand cmd, string model, long from, long to)
    {
        cmd.Parameters.Add(new NpgsqlParameter<string>("m", model));
        cmd.Parameters.Add(new NpgsqlParameter<long>("f", from));
        cmd.Parameters.Add(new NpgsqlParameter<long>("t", to));
    }

    private static void AddRawRange(NpgsqlCommand cmd, string model, long from, long to)
    {
        AddModelRange(cmd, model, from, to);
        cmd.Parameters.Add(new NpgsqlParameter<long>("fh", RawHours.Hour(from)));
        cmd.Parameters.Add(new NpgsqlParameter<long>("th", RawHours.Hour(to)));
    }

    private static void AddRange(NpgsqlCommand cmd, DateTimeOffset from, DateTimeOffset to)
    {
        cmd.Parameters.Add(new NpgsqlParameter<long>("f", PostgresBatch.ToMs(from)));
        cmd.Parameters.Add(new NpgsqlParameter<long>("t", PostgresBatch.ToMs(to)));
    }

    private static void AddOptional(NpgsqlCommand cmd, string name, string? value)
    {
        if (value is not null)
        {
            cmd.Parameters.Add(new NpgsqlParameter<string>(name, value));
        }
    }
}
