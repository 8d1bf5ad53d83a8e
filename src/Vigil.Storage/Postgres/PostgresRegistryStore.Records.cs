using Npgsql;
using NpgsqlTypes;
using Vigil.Storage.Registry;

namespace Vigil.Storage.Postgres;

/// <summary>The audit log, evaluation runs and golden sets.</summary>
public sealed partial class PostgresRegistryStore
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<AuditEntry>> GetAuditAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var cmd = Cmd(c, null, $"SELECT {RegistryCodec.AuditColumns} FROM registry_audit WHERE seq > @after"
            + (query.Model is null ? string.Empty : " AND model = @m")
            + (query.From is null ? string.Empty : " AND at >= @f")
            + (query.To is null ? string.Empty : " AND at < @t")
            + " ORDER BY seq LIMIT @limit",
            Long("after", query.AfterSeq), Text("m", query.Model), Time("f", query.From), Time("t", query.To), Int("limit", query.Limit));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<AuditEntry>();
        while (await r.ReadAsync(cancellationToken))
        {
            list.Add(new AuditEntry(
                r.GetInt64(0),
                new AuditDraft(FromMs(r.GetInt64(1)), r.GetString(2), r.GetString(3), NullableString(r, 4), r.GetString(5), NullableString(r, 6), NullableString(r, 7), NullableString(r, 8)),
                r.GetString(9),
                r.GetString(10)));
        }

        return list;
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<AuditEntry> ReadAuditAsync(CancellationToken cancellationToken) =>
        RegistryCodec.ReadAuditAsync(GetAuditAsync, cancellationToken);

    /// <inheritdoc/>
    public async Task InsertEvalRunAsync(EvalRunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(c, null, $"INSERT INTO eval_runs ({RegistryCodec.EvalColumns}) VALUES (@id, @m, @v, @g, @sha, @task, @passed, @config, @result, @c, @by)", cancellationToken,
            Text("id", run.Id), Text("m", run.Model), Text("v", run.Version), Text("g", run.GoldenSet), Text("sha", run.DatasetSha256), Text("task", run.Task),
            new NpgsqlParameter("passed", NpgsqlDbType.Boolean) { Value = run.Passed }, Text("config", run.ConfigJson), Text("result", run.ResultJson),
            Time("c", run.CreatedAt), Text("by", run.CreatedBy));
    }

    /// <inheritdoc/>
    public async Task<EvalRunRecord?> GetEvalRunAsync(string id, CancellationToken cancellationToken)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var cmd = Cmd(c, null, $"SELECT {RegistryCodec.EvalColumns} FROM eval_runs WHERE id = @id", Text("id", id));
        var runs = await ReadEvalRunsAsync(cmd, cancellationToken);
        return runs.Count == 0 ? null : runs[0];
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<EvalRunRecord>> ListEvalRunsAsync(EvalRunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var cmd = Cmd(c, null, $"SELECT {RegistryCodec.EvalColumns} FROM eval_runs WHERE model = @m"
            + (query.Version is null ? string.Empty : " AND version = @v")
            + (query.GoldenSet is null ? string.Empty : " AND golden_set = @g")
            + (query.DatasetSha256 is null ? string.Empty : " AND dataset_sha256 = @sha")
            + " ORDER BY created_at DESC, id COLLATE \"C\" DESC LIMIT @limit",
            Text("m", query.Model), Text("v", query.Version), Text("g", query.GoldenSet), Text("sha", query.DatasetSha256), Int("limit", query.Limit));
        return await ReadEvalRunsAsync(cmd, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<bool> PutGoldenSetAsync(GoldenSetRecord set, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await ExecuteAsync(c, null, $"INSERT INTO golden_sets ({RegistryCodec.GoldenColumns}) VALUES (@n, @sha, @items, @size, @d, @c, @by) ON CONFLICT DO NOTHING", cancellationToken,
            Text("n", set.Name), Text("sha", set.Sha256), Long("items", set.Items), Long("size", set.Size), Text("d", set.Description),
            Time("c", set.CreatedAt), Text("by", set.CreatedBy)) == 1;
    }

    /// <inheritdoc/>
    /// <remarks>Of versions registered at the same millisecond, the newest is the one with the greatest hash.</remarks>
    public async Task<GoldenSetRecord?> GetGoldenSetAsync(string name, string? sha256, CancellationToken cancellationToken)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var cmd = Cmd(c, null, $"SELECT {RegistryCodec.GoldenColumns} FROM golden_sets WHERE name = @n"
            + (sha256 is null ? string.Empty : " AND sha256 = @sha")
            + " ORDER BY created_at DESC, sha256 COLLATE \"C\" DESC LIMIT 1",
            Text("n", name), Text("sha", sha256));
        var sets = await ReadGoldenSetsAsync(cmd, cancellationToken);
        return sets.Count == 0 ? null : sets[0];
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<GoldenSetRecord>> ListGoldenSetsAsync(string? name, CancellationToken cancellationToken)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var cmd = Cmd(c, null, $"SELECT {RegistryCodec.GoldenColumns} FROM golden_sets"
            + (name is null ? string.Empty : " WHERE name = @n")
            + " ORDER BY created_at DESC, name COLLATE \"C\", sha256 COLLATE \"C\" DESC",
            Text("n", name));
        return await ReadGoldenSetsAsync(cmd, cancellationToken);
    }

    private static async Task<List<EvalRunRecord>> ReadEvalRunsAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<EvalRunRecord>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new EvalRunRecord(
                r.GetString(0), r.GetString(1), r.GetString(2), NullableString(r, 3), r.GetString(4), r.GetString(5), r.GetBoolean(6),
                r.GetString(7), r.GetString(8), FromMs(r.GetInt64(9)), r.GetString(10)));
        }

        return list;
    }

    private static async Task<List<GoldenSetRecord>> ReadGoldenSetsAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<GoldenSetRecord>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new GoldenSetRecord(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), NullableString(r, 4), FromMs(r.GetInt64(5)), r.GetString(6)));
        }

        return list;
    }
}
