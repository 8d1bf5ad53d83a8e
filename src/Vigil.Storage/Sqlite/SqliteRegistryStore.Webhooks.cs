using Microsoft.Data.Sqlite;
using Vigil.Storage.Registry;

namespace Vigil.Storage.Sqlite;

/// <summary>Webhooks, their deliveries and delivery attempts.</summary>
public sealed partial class SqliteRegistryStore
{
    private const string WebhookColumns = "id, url, secret, model, events, created_at, created_by";

    /// <summary>A delivery joined with its webhook's secret (empty once the webhook is deleted).</summary>
    private const string DeliverySelect = """
        SELECT d.id, d.webhook_id, d.url, coalesce(w.secret, ''), d.event_type, d.payload_json, d.attempts, d.status, d.next_attempt_at,
               d.last_status_code, d.last_error, d.created_at, d.delivered_at
        FROM webhook_deliveries d LEFT JOIN webhooks w ON w.id = d.webhook_id
        """;

    /// <inheritdoc/>
    public Task InsertWebhookAsync(WebhookRecord webhook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        return WriteAsync(
            (c, tx) => Execute(c, tx, $"INSERT INTO webhooks ({WebhookColumns}) VALUES ($id, $u, $s, $m, $e, $c, $by)",
                ("$id", webhook.Id), ("$u", webhook.Url), ("$s", webhook.Secret), ("$m", webhook.Model), ("$e", RegistryCodec.StringsToJson(webhook.Events)),
                ("$c", ToMs(webhook.CreatedAt)), ("$by", webhook.CreatedBy)) == 1,
            cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<WebhookRecord>> ListWebhooksAsync(CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        return ReadWebhooks(c, null);
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteWebhookAsync(string id, CancellationToken cancellationToken)
    {
        var deleted = false;
        await WriteAsync(
            (c, tx) =>
            {
                Execute(c, tx, "DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE webhook_id = $id AND status = 'pending')", ("$id", id));
                Execute(c, tx, "DELETE FROM webhook_deliveries WHERE webhook_id = $id AND status = 'pending'", ("$id", id));
                deleted = Execute(c, tx, "DELETE FROM webhooks WHERE id = $id", ("$id", id)) == 1;
                return deleted;
            },
            cancellationToken);
        return deleted;
    }

    /// <inheritdoc/>
    /// <remarks>Due deliveries are taken by due time, then id; the list returned is in id order.</remarks>
    public async Task<IReadOnlyList<WebhookDelivery>> ClaimDeliveriesAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        List<WebhookDelivery> claimed = [];
        await WriteAsync(
            (c, tx) =>
            {
                var (n, lease) = (ToMs(now), ToMs(leaseUntil));
                Execute(c, tx, """
                    CREATE TEMP TABLE IF NOT EXISTS claimed_deliveries (id INTEGER PRIMARY KEY); DELETE FROM claimed_deliveries;
                    INSERT INTO claimed_deliveries SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $now
                        ORDER BY next_attempt_at, id LIMIT $max;
                    UPDATE webhook_deliveries SET next_attempt_at = $lease WHERE id IN (SELECT id FROM claimed_deliveries);
                    """,
                    ("$now", n), ("$max", max), ("$lease", lease));
                using var cmd = Cmd(c, tx, DeliverySelect + " WHERE d.id IN (SELECT id FROM claimed_deliveries) ORDER BY d.id");
                claimed = ReadDeliveries(cmd);
                Execute(c, tx, "DROP TABLE claimed_deliveries");
                return true;
            },
            cancellationToken);
        return claimed;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The delivery's due time becomes <see cref="WebhookAttempt.NextAttemptAt"/> only when the status is pending;
    /// a delivered delivery's <see cref="WebhookDelivery.DeliveredAt"/> is the attempt's start.
    /// </remarks>
    public Task RecordAttemptAsync(WebhookAttempt attempt, CancellationToken cancellationToken)
    {
        RegistryCodec.CheckAttempt(attempt);
        return WriteAsync(
            (c, tx) =>
            {
                var updated = Execute(c, tx, """
                    UPDATE webhook_deliveries SET attempts = attempts + 1, status = $status,
                        next_attempt_at = CASE WHEN $status = 'pending' THEN $next ELSE next_attempt_at END,
                        last_status_code = $code, last_error = $error, delivered_at = CASE WHEN $status = 'delivered' THEN $at ELSE delivered_at END
                    WHERE id = $id
                    """,
                    ("$id", attempt.DeliveryId), ("$status", attempt.Status), ("$next", ToMs(attempt.NextAttemptAt)), ("$code", attempt.StatusCode),
                    ("$error", attempt.Error), ("$at", ToMs(attempt.At)));
                if (updated != 1)
                {
                    throw new InvalidOperationException($"webhook delivery {attempt.DeliveryId} does not exist (its webhook may have been deleted).");
                }

                Execute(c, tx, "INSERT INTO webhook_attempts (delivery_id, at, status_code, error, duration_ms, status, next_attempt_at) VALUES ($id, $at, $code, $error, $ms, $status, $next)",
                    ("$id", attempt.DeliveryId), ("$at", ToMs(attempt.At)), ("$code", attempt.StatusCode), ("$error", attempt.Error), ("$ms", attempt.DurationMs),
                    ("$status", attempt.Status), ("$next", ToMs(attempt.NextAttemptAt)));
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string? webhookId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var c = await OpenAsync(cancellationToken);
        using var cmd = Cmd(c, null, DeliverySelect + (webhookId is null ? string.Empty : " WHERE d.webhook_id = $w") + " ORDER BY d.id DESC LIMIT $limit",
            ("$w", webhookId), ("$limit", limit));
        return ReadDeliveries(cmd);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<WebhookAttempt>> ListAttemptsAsync(long deliveryId, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        using var cmd = Cmd(c, null, "SELECT delivery_id, at, status_code, error, duration_ms, status, next_attempt_at FROM webhook_attempts WHERE delivery_id = $id ORDER BY id",
            ("$id", deliveryId));
        using var r = cmd.ExecuteReader();
        var list = new List<WebhookAttempt>();
        while (r.Read())
        {
            list.Add(new WebhookAttempt(r.GetInt64(0), FromMs(r.GetInt64(1)), r.IsDBNull(2) ? null : r.GetInt32(2), NullableString(r, 3), r.GetDouble(4), r.GetString(5), FromMs(r.GetInt64(6))));
        }

        return list;
    }

    private static List<WebhookRecord> ReadWebhooks(SqliteConnection c, SqliteTransaction? tx)
    {
        using var cmd = Cmd(c, tx, $"SELECT {WebhookColumns} FROM webhooks ORDER BY created_at, id");
        using var r = cmd.ExecuteReader();
        var list = new List<WebhookRecord>();
        while (r.Read())
        {
            list.Add(new WebhookRecord(r.GetString(0), r.GetString(1), r.GetString(2), NullableString(r, 3), RegistryCodec.StringsFromJson(r.GetString(4)), FromMs(r.GetInt64(5)), r.GetString(6)));
        }

        return list;
    }

    private static List<WebhookDelivery> ReadDeliveries(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<WebhookDelivery>();
        while (r.Read())
        {
            list.Add(new WebhookDelivery(
                r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetInt32(6), r.GetString(7),
                FromMs(r.GetInt64(8)), r.IsDBNull(9) ? null : r.GetInt32(9), NullableString(r, 10), FromMs(r.GetInt64(11)), r.IsDBNull(12) ? null : FromMs(r.GetInt64(12))));
        }

        return list;
    }
}
