using Microsoft.Data.Sqlite;
using Vigil.Storage.Registry;

namespace Vigil.Storage.Sqlite;

/// <summary>The audit log, evaluation runs and golden sets.</summary>
public sealed partial class SqliteRegistryStore
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<AuditEntry>> GetAuditAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        await using var c = await OpenAsync(cancellationToken);
        using var cmd = Cmd(c, null, $"SELECT {RegistryCodec.AuditColumns} FROM registry_audit WHERE seq > $after"
            + (query.Model is null ? string.Empty : " AND model = $m")
            + (query.From is null ? string.Empty : " AND at >= $f")
            + (query.To is null ? string.Empty : " AND at < $t")
            + " ORDER BY seq LIMIT $limit",
            ("$after", query.AfterSeq), ("$m", query.Model), ("$f", ToMs(query.From)), ("$t", ToMs(query.To)), ("$limit", query.Limit));
        using var r = cmd.ExecuteReader();
        var list = new List<AuditEntry>();
        while (r.Read())
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
    public Task InsertEvalRunAsync(EvalRunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return WriteAsync(
            (c, tx) => Execute(c, tx, $"INSERT INTO eval_runs ({RegistryCodec.EvalColumns}) VALUES ($id, $m, $v, $g, $sha, $task, $passed, $config, $result, $c, $by)",
                ("$id", run.Id), ("$m", run.Model), ("$v", run.Version), ("$g", run.GoldenSet), ("$sha", run.DatasetSha256), ("$task", run.Task),
                ("$passed", run.Passed ? 1 : 0), ("$config", run.ConfigJson), ("$result", run.ResultJson), ("$c", ToMs(run.CreatedAt)), ("$by", run.CreatedBy)) == 1,
            cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<EvalRunRecord?> GetEvalRunAsync(string id, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        using var cmd = Cmd(c, null, $"SELECT {RegistryCodec.EvalColumns} FROM eval_runs WHERE id = $id", ("$id", id));
        var runs = ReadEvalRuns(cmd);
        return runs.Count == 0 ? null : runs[0];
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<EvalRunRecord>> ListEvalRunsAsync(EvalRunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        await using var c = await OpenAsync(cancellationToken);
        using var cmd = Cmd(c, null, $"SELECT {RegistryCodec.EvalColumns} FROM eval_runs WHERE model = $m"
            + (query.Version is null ? string.Empty : " AND version = $v")
            + (query.GoldenSet is null ? string.Empty : " AND golden_set = $g")
            + (query.DatasetSha256 is null ? string.Empty : " AND dataset_sha256 = $sha")
            + " ORDER BY created_at DESC, id DESC LIMIT $limit",
            ("$m", query.Model), ("$v", query.Version), ("$g", query.GoldenSet), ("$sha", query.DatasetSha256), ("$limit", query.Limit));
        return ReadEvalRuns(cmd);
    }

    /// <inheritdoc/>
    public async Task<bool> PutGoldenSetAsync(GoldenSetRecord set, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        var inserted = false;
        await WriteAsync(
            (c, tx) =>
            {
                inserted = Execute(c, tx, $"INSERT INTO golden_sets ({RegistryCodec.GoldenColumns}) VALUES ($n, $sha, $items, $size, $d, $c, $by) ON CONFLICT DO NOTHING",
                    ("$n", set.Name), ("$sha", set.Sha256), ("$items", set.Items), ("$size", set.Size), ("$d", set.Description),
                    ("$c", ToMs(set.CreatedAt)), ("$by", set.CreatedBy)) == 1;
                return inserted;
            },
            cancellationToken);
        return inserted;
    }

    /// <inheritdoc/>
    /// <remarks>Of versions registered at the same millisecond, the newest is the one with the greatest hash.</remarks>
    public async Task<GoldenSetRecord?> GetGoldenSetAsync(string name, string? sha256, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        using var cmd = Cmd(c, null, $"SELECT {RegistryCodec.GoldenColumns} FROM golden_sets WHERE name = $n"
            + (sha256 is null ? string.Empty : " AND sha256 = $sha")
            + " ORDER BY created_at DESC, sha256 DESC LIMIT 1",
            ("$n", name), ("$sha", sha256));
        var sets = ReadGoldenSets(cmd);
        return sets.Count == 0 ? null : sets[0];
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<GoldenSetRecord>> ListGoldenSetsAsync(string? name, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        using var cmd = Cmd(c, null, $"SELECT {RegistryCodec.GoldenColumns} FROM golden_sets"
            + (name is null ? string.Empty : " WHERE name = $n")
            + " ORDER BY created_at DESC, name, sha256 DESC",
            ("$n", name));
        return ReadGoldenSets(cmd);
    }

    private static List<EvalRunRecord> ReadEvalRuns(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<EvalRunRecord>();
        while (r.Read())
        {
            list.Add(new EvalRunRecord(
                r.GetString(0), r.GetString(1), r.GetString(2), NullableString(r, 3), r.GetString(4), r.GetString(5), r.GetInt64(6) != 0,
                r.GetString(7), r.GetString(8), FromMs(r.GetInt64(9)), r.GetString(10)));
        }

        return list;
    }

    private static List<GoldenSetRecord> ReadGoldenSets(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<GoldenSetRecord>();
        while (r.Read())
        {
            list.Add(new GoldenSetRecord(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), NullableString(r, 4), FromMs(r.GetInt64(5)), r.GetString(6)));
        }

        return list;
    }
}
