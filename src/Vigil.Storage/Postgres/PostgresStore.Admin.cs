using Npgsql;
using NpgsqlTypes;
using Vigil.Core.Events;

namespace Vigil.Storage.Postgres;

/// <summary>Pipeline runs and API keys.</summary>
public sealed partial class PostgresStore
{
    private const string RunColumns = "id, scheduled_at, completed_at, rows, violations";

    private const string KeyColumns = "id, name, scopes, secret_hash, created_at, revoked_at";

    /// <inheritdoc/>
    public async Task<bool[]> InsertPipelineRunsAsync(string pipeline, IReadOnlyList<PipelineRun> runs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            return [];
        }

        var order = PostgresBatch.UniqueSorted(runs, static r => r.Id);
        var ids = new string[order.Length];
        var scheduled = new long[order.Length];
        var completed = new long?[order.Length];
        var rows = new long[order.Length];
        var violations = new long[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            var r = runs[order[i]];
            (ids[i], scheduled[i], completed[i], rows[i], violations[i]) =
                (r.Id, PostgresBatch.ToMs(r.ScheduledAt), r.CompletedAt is { } done ? PostgresBatch.ToMs(done) : null, r.Rows, r.SchemaViolations);
        }

        await using var cmd = _dataSource.CreateCommand("""
            INSERT INTO pipeline_runs (pipeline, id, scheduled_at, completed_at, rows, violations)
            SELECT @p, u.id, u.scheduled_at, u.completed_at, u.rows, u.violations
            FROM unnest(@ids, @scheduled, @completed, @rows, @violations) AS u (id, scheduled_at, completed_at, rows, violations)
            ON CONFLICT DO NOTHING RETURNING id
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string>("p", pipeline));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("ids", ids));
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("scheduled", scheduled));
        cmd.Parameters.Add(new NpgsqlParameter<long?[]>("completed", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = completed });
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("rows", rows));
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("violations", violations));
        var returned = new HashSet<string>(order.Length, StringComparer.Ordinal);
        await using (var r = await cmd.ExecuteReaderAsync(cancellationToken))
        {
            while (await r.ReadAsync(cancellationToken))
            {
                returned.Add(r.GetString(0));
            }
        }

        return PostgresBatch.MarkInserted(runs, static r => r.Id, returned);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PipelineRun>> GetPipelineRunsAsync(string pipeline, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var cmd = _dataSource.CreateCommand(
            $"SELECT {RunColumns} FROM pipeline_runs WHERE pipeline = @p AND scheduled_at >= @f AND scheduled_at < @t ORDER BY scheduled_at, id");
        cmd.Parameters.Add(new NpgsqlParameter<string>("p", pipeline));
        AddRange(cmd, from, to);
        return await ReadRunsAsync(cmd, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<PipelineRun?> GetLastCompletedRunAsync(string pipeline, CancellationToken cancellationToken)
    {
        await using var cmd = _dataSource.CreateCommand(
            $"SELECT {RunColumns} FROM pipeline_runs WHERE pipeline = @p AND completed_at IS NOT NULL ORDER BY completed_at DESC, id DESC LIMIT 1");
        cmd.Parameters.Add(new NpgsqlParameter<string>("p", pipeline));
        var runs = await ReadRunsAsync(cmd, cancellationToken);
        return runs.Count == 0 ? null : runs[0];
    }

    /// <inheritdoc/>
    public async Task InsertApiKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var cmd = _dataSource.CreateCommand($"INSERT INTO api_keys ({KeyColumns}) VALUES (@id, @n, @s, @h, @c, @r)");
        cmd.Parameters.Add(new NpgsqlParameter<string>("id", key.Id));
        cmd.Parameters.Add(new NpgsqlParameter<string>("n", key.Name));
        cmd.Parameters.Add(new NpgsqlParameter<string>("s", string.Join(',', key.Scopes)));
        cmd.Parameters.Add(new NpgsqlParameter<byte[]>("h", key.SecretHash));
        cmd.Parameters.Add(new NpgsqlParameter<long>("c", PostgresBatch.ToMs(key.CreatedAt)));
        cmd.Parameters.Add(new NpgsqlParameter<long?>("r", NpgsqlDbType.Bigint) { TypedValue = key.RevokedAt is { } at ? PostgresBatch.ToMs(at) : null });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<ApiKeyRecord?> FindApiKeyAsync(string id, CancellationToken cancellationToken)
    {
        await using var cmd = _dataSource.CreateCommand($"SELECT {KeyColumns} FROM api_keys WHERE id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<string>("id", id));
        var keys = await ReadKeysAsync(cmd, cancellationToken);
        return keys.Count == 0 ? null : keys[0];
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(CancellationToken cancellationToken)
    {
        await using var cmd = _dataSource.CreateCommand($"SELECT {KeyColumns} FROM api_keys ORDER BY created_at, id");
        return await ReadKeysAsync(cmd, cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>A key already revoked keeps its first revocation time (and the answer is false).</remarks>
    public async Task<bool> RevokeApiKeyAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var cmd = _dataSource.CreateCommand("UPDATE api_keys SET revoked_at = @r WHERE id = @id AND revoked_at IS NULL");
        cmd.Parameters.Add(new NpgsqlParameter<string>("id", id));
        cmd.Parameters.Add(new NpgsqlParameter<long>("r", PostgresBatch.ToMs(at)));
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<List<PipelineRun>> ReadRunsAsync(NpgsqlCommand cmd, CancellationToken cancellationToken)
    {
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<PipelineRun>();
        while (await r.ReadAsync(cancellationToken))
        {
            list.Add(new PipelineRun(
                r.GetString(0),
                PostgresBatch.FromMs(r.GetInt64(1)),
                r.IsDBNull(2) ? null : PostgresBatch.FromMs(r.GetInt64(2)),
                r.GetInt64(3),
                r.GetInt64(4)));
        }

        return list;
    }

    private static async Task<List<ApiKeyRecord>> ReadKeysAsync(NpgsqlCommand cmd, CancellationToken cancellationToken)
    {
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<ApiKeyRecord>();
        while (await r.ReadAsync(cancellationToken))
        {
            list.Add(new ApiKeyRecord(
                r.GetString(0),
                r.GetString(1),
                r.GetString(2).Split(',', StringSplitOptions.RemoveEmptyEntries),
                r.GetFieldValue<byte[]>(3),
                PostgresBatch.FromMs(r.GetInt64(4)),
                r.IsDBNull(5) ? null : PostgresBatch.FromMs(r.GetInt64(5))));
        }

        return list;
    }
}
