using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Vigil.Storage.Sqlite;

/// <summary>An ingest transaction on the SQLite store: holds the store's write lock from begin to commit or dispose.</summary>
internal sealed class SqliteIngestSession : IIngestSession
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly SemaphoreSlim _writeLock;
    private bool _done;

    public SqliteIngestSession(SqliteConnection connection, SqliteTransaction transaction, SemaphoreSlim writeLock)
    {
        _connection = connection;
        _transaction = transaction;
        _writeLock = writeLock;
    }

    /// <remarks>
    /// The hot path of ingest, so it talks to SQLite directly (one prepared statement on the session's connection
    /// and transaction): the event's JSON is bound from the request's buffer without a copy per row, and nothing
    /// is boxed per value.
    /// </remarks>
    public Task<bool[]> InsertPredictionsAsync(string model, IReadOnlyList<PredictionRecord> rows, CancellationToken cancellationToken)
    {
        var db = _connection.Handle!;
        Check(raw.sqlite3_prepare_v2(db, "INSERT INTO predictions (model, id, ts, version, variant, raw) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING", out var stmt), db);
        using (stmt)
        {
            Check(raw.sqlite3_bind_text(stmt, 1, model), db);
            var inserted = new bool[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var r = rows[i];
                Check(raw.sqlite3_bind_text(stmt, 2, r.Id), db);
                Check(raw.sqlite3_bind_int64(stmt, 3, r.Timestamp), db);
                Check(raw.sqlite3_bind_text(stmt, 4, r.Version), db);
                Check(raw.sqlite3_bind_text(stmt, 5, r.Variant), db);
                Check(raw.sqlite3_bind_blob(stmt, 6, r.Raw.Span), db);
                var rc = raw.sqlite3_step(stmt);
                if (rc != raw.SQLITE_DONE)
                {
                    Check(rc, db);
                }

                inserted[i] = raw.sqlite3_changes(db) == 1;
                raw.sqlite3_reset(stmt);
            }

            return Task.FromResult(inserted);
        }
    }

    private static void Check(int rc, SQLitePCL.sqlite3 db)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    public Task<bool[]> InsertLabelsAsync(string model, IReadOnlyList<LabelRecord> rows, CancellationToken cancellationToken)
    {
        using var cmd = Command("INSERT INTO labels (model, id, label, value, ts) VALUES ($m, $id, $l, $v, $ts) ON CONFLICT DO NOTHING");
        cmd.Parameters.AddWithValue("$m", model);
        var id = cmd.Parameters.Add("$id", SqliteType.Text);
        var label = cmd.Parameters.Add("$l", SqliteType.Text);
        var value = cmd.Parameters.Add("$v", SqliteType.Real);
        var ts = cmd.Parameters.Add("$ts", SqliteType.Integer);
        cmd.Prepare();
        var inserted = new bool[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var r = rows[i];
            id.Value = r.Id;
            label.Value = (object?)r.Label ?? DBNull.Value;
            value.Value = double.IsNaN(r.Value) ? DBNull.Value : r.Value;
            ts.Value = r.Timestamp;
            inserted[i] = cmd.ExecuteNonQuery() == 1;
        }

        return Task.FromResult(inserted);
    }

    public Task<IReadOnlyList<JoinedRecord>> ClaimJoinsAsync(string model, IReadOnlyList<string>? ids, int limit, CancellationToken cancellationToken)
    {
        var joined = new List<JoinedRecord>();
        using (var any = Command("SELECT EXISTS (SELECT 1 FROM labels WHERE model = $m AND joined = 0)"))
        {
            any.Parameters.AddWithValue("$m", model);
            if (Convert.ToInt64(any.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                return Task.FromResult<IReadOnlyList<JoinedRecord>>(joined);
            }
        }

        const string Select = """
            SELECT l.id, l.label, l.value, l.ts, p.raw FROM labels l JOIN predictions p ON p.model = l.model AND p.id = l.id
            WHERE l.model = $m AND l.joined = 0
            """;
        using var mark = Command("UPDATE labels SET joined = 1 WHERE model = $m AND id = $id");
        mark.Parameters.AddWithValue("$m", model);
        var markId = mark.Parameters.Add("$id", SqliteType.Text);
        if (ids is null)
        {
            using var cmd = Command(Select + " LIMIT $limit");
            cmd.Parameters.AddWithValue("$m", model);
            cmd.Parameters.AddWithValue("$limit", limit);
            Read(cmd, joined, limit);
        }
        else
        {
            using var cmd = Command(Select + " AND l.id = $id");
            cmd.Parameters.AddWithValue("$m", model);
            var id = cmd.Parameters.Add("$id", SqliteType.Text);
            cmd.Prepare();
            foreach (var i in ids)
            {
                cancellationToken.ThrowIfCancellationRequested();
                id.Value = i;
                Read(cmd, joined, limit);
                if (joined.Count >= limit)
                {
                    break;
                }
            }
        }

        foreach (var j in joined)
        {
            markId.Value = j.Label.Id;
            mark.ExecuteNonQuery();
        }

        return Task.FromResult<IReadOnlyList<JoinedRecord>>(joined);
    }

    private static void Read(SqliteCommand cmd, List<JoinedRecord> into, int limit)
    {
        using var reader = cmd.ExecuteReader();
        while (into.Count < limit && reader.Read())
        {
            var label = new LabelRecord(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? double.NaN : reader.GetDouble(2),
                reader.GetInt64(3));
            into.Add(new JoinedRecord((byte[])reader.GetValue(4), label));
        }
    }

    public Task AddWindowsAsync(string model, IReadOnlyList<StoredWindow> deltas, CancellationToken cancellationToken)
    {
        SqliteStore.InsertWindows(_connection, _transaction, model, deltas);
        return Task.CompletedTask;
    }

    public Task AddRejectsAsync(string model, IReadOnlyList<RejectCount> rejects, CancellationToken cancellationToken)
    {
        using var cmd = Command("INSERT INTO rejects (model, version, variant, start, count) VALUES ($m, $v, $var, $s, $c)");
        cmd.Parameters.AddWithValue("$m", model);
        var v = cmd.Parameters.Add("$v", SqliteType.Text);
        var variant = cmd.Parameters.Add("$var", SqliteType.Text);
        var s = cmd.Parameters.Add("$s", SqliteType.Integer);
        var c = cmd.Parameters.Add("$c", SqliteType.Integer);
        foreach (var r in rejects)
        {
            (v.Value, variant.Value, s.Value, c.Value) = (r.Version, r.Variant, r.Start.ToUnixTimeMilliseconds(), r.Count);
            cmd.ExecuteNonQuery();
        }

        return Task.CompletedTask;
    }

    public Task CommitAsync(CancellationToken cancellationToken)
    {
        _transaction.Commit();
        Release();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        if (!_done)
        {
            try
            {
                _transaction.Rollback();
            }
            finally
            {
                Release();
            }
        }

        return ValueTask.CompletedTask;
    }

    private void Release()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        _transaction.Dispose();
        _connection.Dispose();
        _writeLock.Release();
    }

    private SqliteCommand Command(string sql)
    {
        var cmd = _connection.CreateCommand();
        cmd.Transaction = _transaction;
        cmd.CommandText = sql;
        return cmd;
    }
}
