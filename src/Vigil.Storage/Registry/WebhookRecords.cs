namespace Vigil.Storage.Registry;

/// <summary>A webhook subscription.</summary>
/// <param name="Id">Id (assigned by the server).</param>
/// <param name="Url">The receiver (http or https).</param>
/// <param name="Secret">The HMAC-SHA256 signing secret (stored so deliveries can be signed; never logged or returned after creation).</param>
/// <param name="Model">Only this model's events, or every model's when null.</param>
/// <param name="Events">Only these event types, or all when empty.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="CreatedBy">The API key name that created it.</param>
public sealed record WebhookRecord(string Id, string Url, string Secret, string? Model, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>One event queued for one webhook.</summary>
/// <param name="Id">Delivery id.</param>
/// <param name="WebhookId">The webhook.</param>
/// <param name="Url">The receiver.</param>
/// <param name="Secret">The signing secret.</param>
/// <param name="EventType">The event type.</param>
/// <param name="PayloadJson">The body.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="Status">pending, delivered or failed (gave up).</param>
/// <param name="NextAttemptAt">When it is due (or leased until).</param>
/// <param name="LastStatusCode">The receiver's last HTTP status, or null.</param>
/// <param name="LastError">The last error, or null.</param>
/// <param name="CreatedAt">When queued.</param>
/// <param name="DeliveredAt">When delivered, or null.</param>
public sealed record WebhookDelivery(
    long Id,
    string WebhookId,
    string Url,
    string Secret,
    string EventType,
    string PayloadJson,
    int Attempts,
    string Status,
    DateTimeOffset NextAttemptAt,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt);

/// <summary>The outcome of one delivery attempt.</summary>
/// <param name="DeliveryId">The delivery.</param>
/// <param name="At">When the attempt started.</param>
/// <param name="StatusCode">The receiver's HTTP status, or null when no answer.</param>
/// <param name="Error">The error (timeout, connection refused, non-2xx), or null on success.</param>
/// <param name="DurationMs">How long the attempt took.</param>
/// <param name="Status">The delivery's status after the attempt: pending (will retry), delivered, or failed (gave up).</param>
/// <param name="NextAttemptAt">When to retry (ignored unless pending).</param>
public sealed record WebhookAttempt(long DeliveryId, DateTimeOffset At, int? StatusCode, string? Error, double DurationMs, string Status, DateTimeOffset NextAttemptAt);
