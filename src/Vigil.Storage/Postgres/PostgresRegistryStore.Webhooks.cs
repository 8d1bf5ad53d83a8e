using Npgsql;
using NpgsqlTypes;
using Vigil.Storage.Registry;

namespace Vigil.Storage.Postgres;

/// <summary>Webhooks, their deliveries and delivery attempts.</summary>
public sealed partial class PostgresRegistryStore
{
    private const string WebhookColumns = "id, url, secret, model, events, created_at, created_by";

    /// <summary>Columns of a delivery <c>d</c> joined with its webhook <c>w</c>'s secret (empty once the webhook is deleted).</summary>
    private const string DeliveryColumns = """
        d.id, d.webhook_id, d.url, coalesce(w.secret, ''), d.event_type, d.payload_json, d.attempts, d.status, d.next_attempt_at,
        d.last_status_code, d.last_error, d.created_at, d.delivered_at
        """;

    /// <inheritdoc/>
    public async Task InsertWebhookAsync(WebhookRecord webhook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(c, null, $"INSERT INTO webhooks ({WebhookColumns}) VALUES (@id, @u, @s, @m, @e, @c, @by)", cancellationToken,
            Text("id", webhook.Id), Text("u", webhook.Url), Text("s", webhook.Secret), Text("m", webhook.Model), Text("e", RegistryCodec.StringsToJson(webhook.Events)),
            Time("c", webhook.CreatedAt), Text("by", webhook.CreatedBy));
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<WebhookRecord>> ListWebhooksAsync(CancellationToken cancellationToken)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadWebhooksAsync(c, null, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteWebhookAsync(string id, CancellationToken cancellationToken)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(c, tx, """
            DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE webhook_id = @id AND status = 'pending');
            DELETE FROM webhook_deliveries WHERE webhook_id = @id AND status = 'pending';
            """, cancellationToken, Text("id", id));
        var deleted = await ExecuteAsync(c, tx, "DELETE FROM webhooks WHERE id = @id", cancellationToken, Text("id", id)) == 1;
        await tx.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Due deliveries are taken by due time, then id, skipping rows another transaction has locked; a row a
    /// concurrent claimer leased meanwhile is re-checked and no longer due. The list returned is in id order.
    /// </remarks>
    public async Task<IReadOnlyList<WebhookDelivery>> ClaimDeliveriesAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var cmd = Cmd(c, null, $"""
            WITH picked AS (
                SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= @now
                ORDER BY next_attempt_at, id LIMIT @max FOR UPDATE SKIP LOCKED),
            claimed AS (
                UPDATE webhook_deliveries d SET next_attempt_at = @lease FROM picked WHERE d.id = picked.id RETURNING d.*)
            SELECT {DeliveryColumns} FROM claimed d LEFT JOIN webhooks w ON w.id = d.webhook_id ORDER BY d.id
            """,
            Time("now", now), Int("max", max), Time("lease", leaseUntil));
        return await ReadDeliveriesAsync(cmd, cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The delivery's due time becomes <see cref="WebhookAttempt.NextAttemptAt"/> only when the status is pending;
    /// a delivered delivery's <see cref="WebhookDelivery.DeliveredAt"/> is the attempt's start.
    /// </remarks>
    public async Task RecordAttemptAsync(WebhookAttempt attempt, CancellationToken cancellationToken)
    {
        RegistryCodec.CheckAttempt(attempt);
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        var updated = await ExecuteAsync(c, tx, """
            UPDATE webhook_deliveries SET attempts = attempts + 1, status = @status,
                next_attempt_at = CASE WHEN @status = 'pending' THEN @next ELSE next_attempt_at END,
                last_status_code = @code, last_error = @error, delivered_at = CASE WHEN @status = 'delivered' THEN @at ELSE delivered_at END
            WHERE id = @id
            """, cancellationToken,
            Long("id", attempt.DeliveryId), Text("status", attempt.Status), Time("next", attempt.NextAttemptAt), Int("code", attempt.StatusCode),
            Text("error", attempt.Error), Time("at", attempt.At));
        if (updated != 1)
        {
            throw new InvalidOperationException($"webhook delivery {attempt.DeliveryId} does not exist (its webhook may have been deleted).");
        }

        await ExecuteAsync(c, tx, "INSERT INTO webhook_attempts (delivery_id, at, status_code, error, duration_ms, status, next_attempt_at) VALUES (@id, @at, @code, @error, @ms, @status, @next)",
            cancellationToken,
            Long("id", attempt.DeliveryId), Time("at", attempt.At), Int("code", attempt.StatusCode), Text("error", attempt.Error),
            new NpgsqlParameter("ms", NpgsqlDbType.Double) { Value = attempt.DurationMs }, Text("status", attempt.Status), Time("next", attempt.NextAttemptAt));
        await tx.CommitAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string? webhookId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var cmd = Cmd(c, null, $"SELECT {DeliveryColumns} FROM webhook_deliveries d LEFT JOIN webhooks w ON w.id = d.webhook_id"
            + (webhookId is null ? string.Empty : " WHERE d.webhook_id = @w")
            + " ORDER BY d.id DESC LIMIT @limit",
            Text("w", webhookId), Int("limit", limit));
        return await ReadDeliveriesAsync(cmd, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<WebhookAttempt>> ListAttemptsAsync(long deliveryId, CancellationToken cancellationToken)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var cmd = Cmd(c, null, "SELECT delivery_id, at, status_code, error, duration_ms, status, next_attempt_at FROM webhook_attempts WHERE delivery_id = @id ORDER BY id",
            Long("id", deliveryId));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<WebhookAttempt>();
        while (await r.ReadAsync(cancellationToken))
        {
            list.Add(new WebhookAttempt(r.GetInt64(0), FromMs(r.GetInt64(1)), r.IsDBNull(2) ? null : r.GetInt32(2), NullableString(r, 3), r.GetDouble(4), r.GetString(5), FromMs(r.GetInt64(6))));
        }

        return list;
    }

    private static async Task<List<WebhookRecord>> ReadWebhooksAsync(NpgsqlConnection c, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var cmd = Cmd(c, tx, $"SELECT {WebhookColumns} FROM webhooks ORDER BY created_at, id COLLATE \"C\"");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<WebhookRecord>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new WebhookRecord(r.GetString(0), r.GetString(1), r.GetString(2), NullableString(r, 3), RegistryCodec.StringsFromJson(r.GetString(4)), FromMs(r.GetInt64(5)), r.GetString(6)));
        }

        return list;
    }

    private static async Task<List<WebhookDelivery>> ReadDeliveriesAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<WebhookDelivery>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new WebhookDelivery(
                r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetInt32(6), r.GetString(7),
                FromMs(r.GetInt64(8)), r.IsDBNull(9) ? null : r.GetInt32(9), NullableString(r, 10), FromMs(r.GetInt64(11)), r.IsDBNull(12) ? null : FromMs(r.GetInt64(12))));
        }

        return list;
    }
}
