using Npgsql;
using NpgsqlTypes;

namespace Vigil.Storage.Postgres;

/// <summary>
/// One read-committed transaction on its own connection. Each call is one round trip: rows travel as array
/// parameters and are inserted with <c>unnest</c>; joins are claimed with <c>FOR UPDATE SKIP LOCKED</c>.
/// </summary>
internal sealed class PostgresIngestSession : IIngestSession
{
    private const string InsertPredictionsSql = """
        INSERT INTO predictions (model, id, ts, version, variant, raw)
        SELECT @m, u.id, u.ts, u.version, u.variant, u.raw FROM unnest(@ids, @ts, @versions, @variants, @raws) AS u (id, ts, version, variant, raw)
        ON CONFLICT DO NOTHING RETURNING id
        """;

    private const string InsertLabelsSql = """
        INSERT INTO labels (model, id, label, value, ts)
        SELECT @m, u.id, u.label, u.value, u.ts FROM unnest(@ids, @labels, @values, @ts) AS u (id, label, value, ts)
        ON CONFLICT DO NOTHING RETURNING id
        """;

    // The CTE runs once (a locking CTE is always materialized), so LIMIT bounds the claim; SKIP LOCKED leaves
    // labels another session is claiming to it, and the lock re-checks NOT joined against the latest version.
    private const string ClaimSql = """
        WITH picked AS (
            SELECT l2.id FROM labels l2 JOIN predictions p2 ON p2.model = l2.model AND p2.id = l2.id
            WHERE l2.model = @m AND NOT l2.joined {0}
            LIMIT @n FOR UPDATE OF l2 SKIP LOCKED)
        UPDATE labels l SET joined = true FROM picked, predictions p
        WHERE l.model = @m AND l.id = picked.id AND p.model = l.model AND p.id = l.id
        RETURNING p.raw, l.id, l.label, l.value, l.ts
        """;

    private const string InsertRejectsSql = """
        INSERT INTO rejects (model, version, variant, start, count)
        SELECT @m, u.version, u.variant, u.start, u.count FROM unnest(@versions, @variants, @starts, @counts) AS u (version, variant, start, count)
        """;

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private bool _committed;

    public PostgresIngestSession(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public async Task<bool[]> InsertPredictionsAsync(string model, IReadOnlyList<PredictionRecord> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return [];
        }

        var order = PostgresBatch.UniqueSorted(rows, static r => r.Id);
        var ids = new string[order.Length];
        var ts = new long[order.Length];
        var versions = new string[order.Length];
        var variants = new string[order.Length];
        var raws = new byte[order.Length][];
        for (var i = 0; i < order.Length; i++)
        {
            var r = rows[order[i]];
            (ids[i], ts[i], versions[i], variants[i], raws[i]) = (r.Id, r.Timestamp, r.Version, r.Variant, PostgresBatch.ToArray(r.Raw));
        }

        await using var cmd = Command(InsertPredictionsSql, model);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("ids", ids));
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("ts", ts));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("versions", versions));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("variants", variants));
        cmd.Parameters.Add(new NpgsqlParameter<byte[][]>("raws", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { TypedValue = raws });
        return PostgresBatch.MarkInserted(rows, static r => r.Id, await ReadIdsAsync(cmd, order.Length, cancellationToken));
    }

    public async Task<bool[]> InsertLabelsAsync(string model, IReadOnlyList<LabelRecord> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return [];
        }

        var order = PostgresBatch.UniqueSorted(rows, static r => r.Id);
        var ids = new string[order.Length];
        var labels = new string?[order.Length];
        var values = new double?[order.Length];
        var ts = new long[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            var r = rows[order[i]];
            (ids[i], labels[i], values[i], ts[i]) = (r.Id, r.Label, double.IsNaN(r.Value) ? null : r.Value, r.Timestamp);
        }

        await using var cmd = Command(InsertLabelsSql, model);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("ids", ids));
        cmd.Parameters.Add(new NpgsqlParameter<string?[]>("labels", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = labels });
        cmd.Parameters.Add(new NpgsqlParameter<double?[]>("values", NpgsqlDbType.Array | NpgsqlDbType.Double) { TypedValue = values });
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("ts", ts));
        return PostgresBatch.MarkInserted(rows, static r => r.Id, await ReadIdsAsync(cmd, order.Length, cancellationToken));
    }

    public async Task<IReadOnlyList<JoinedRecord>> ClaimJoinsAsync(string model, IReadOnlyList<string>? ids, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (limit == 0 || ids is { Count: 0 })
        {
            return [];
        }

        await using var cmd = Command(string.Format(System.Globalization.CultureInfo.InvariantCulture, ClaimSql, ids is null ? string.Empty : "AND l2.id = ANY(@ids)"), model);
        cmd.Parameters.Add(new NpgsqlParameter<int>("n", limit));
        if (ids is not null)
        {
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("ids", ids as string[] ?? [.. ids]));
        }

        var claimed = new List<JoinedRecord>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            claimed.Add(new JoinedRecord(r.GetFieldValue<byte[]>(0), PostgresStore.ReadLabel(r, 1)));
        }

        return claimed;
    }

    public async Task AddWindowsAsync(string model, IReadOnlyList<StoredWindow> deltas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(deltas);
        await PostgresStore.InsertWindowsAsync(_connection, _transaction, model, deltas, cancellationToken);
    }

    public async Task AddRejectsAsync(string model, IReadOnlyList<RejectCount> rejects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rejects);
        if (rejects.Count == 0)
        {
            return;
        }

        var versions = new string[rejects.Count];
        var variants = new string[rejects.Count];
        var starts = new long[rejects.Count];
        var counts = new long[rejects.Count];
        for (var i = 0; i < rejects.Count; i++)
        {
            var r = rejects[i];
            (versions[i], variants[i], starts[i], counts[i]) = (r.Version, r.Variant, PostgresBatch.ToMs(r.Start), r.Count);
        }

        await using var cmd = Command(InsertRejectsSql, model);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("versions", versions));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("variants", variants));
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("starts", starts));
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("counts", counts));
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_committed)
        {
            throw new InvalidOperationException("this ingest session is already committed.");
        }

        await _transaction.CommitAsync(cancellationToken);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        // Disposing an uncommitted transaction rolls it back.
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private NpgsqlCommand Command(string sql, string model)
    {
        var cmd = new NpgsqlCommand(sql, _connection, _transaction);
        cmd.Parameters.Add(new NpgsqlParameter<string>("m", model));
        return cmd;
    }

    private static async Task<HashSet<string>> ReadIdsAsync(NpgsqlCommand cmd, int capacity, CancellationToken cancellationToken)
    {
        var returned = new HashSet<string>(capacity, StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            returned.Add(r.GetString(0));
        }

        return returned;
    }
}
