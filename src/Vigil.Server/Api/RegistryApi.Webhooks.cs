using System.Security.Cryptography;
using Vigil.Core.Models;
using Vigil.Server.Auth;
using Vigil.Storage.Registry;

namespace Vigil.Server.Api;

/// <summary>Webhook subscriptions and their delivery log (admin scope).</summary>
internal static partial class RegistryApi
{
    private static readonly string[] EventTypes = ["version_created", "artifact_uploaded", "stage_changed", "alias_moved", "approved", "rollback"];

    private static void MapWebhooks(RouteGroupBuilder g)
    {
        g.MapPost("/webhooks", CreateWebhook).RequireScope("admin").WithName("RegistryCreateWebhook")
            .WithSummary("Subscribe a receiver: {url, secret (optional; generated when absent and shown once), model, events}. Deliveries are signed (X-Vigil-Signature: t=...,v1=HMAC-SHA256).")
            .Produces<WebhookDto>(201).ProducesProblem(400);
        g.MapGet("/webhooks", ListWebhooks).RequireScope("admin").WithName("RegistryListWebhooks").Produces<IReadOnlyList<WebhookDto>>();
        g.MapDelete("/webhooks/{id}", DeleteWebhook).RequireScope("admin").WithName("RegistryDeleteWebhook").ProducesProblem(404);
        g.MapGet("/webhooks/{id}/deliveries", Deliveries).RequireScope("admin").WithName("RegistryWebhookDeliveries").Produces<IReadOnlyList<WebhookDeliveryDto>>();
        g.MapGet("/deliveries/{id:long}/attempts", Attempts).RequireScope("admin").WithName("RegistryDeliveryAttempts").Produces<IReadOnlyList<WebhookAttempt>>();
    }

    private static async Task<IResult> CreateWebhook(HttpRequest request, IRegistryStore store, TimeProvider time, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<RegistryBodies.WebhookBody>(request, "{url, secret, model, events: [...]}", ct);
        if (error is not null)
        {
            return error;
        }

        if (!Uri.TryCreate(body!.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || body.Url.Length > 2000)
        {
            return Problems.BadRequest($"url: '{body.Url}' is not an absolute http or https URL.");
        }

        if (body.Secret is { } s && (s.Length < 16 || s.Length > 200))
        {
            return Problems.BadRequest("secret: use 16 to 200 characters (or omit it to have one generated).");
        }

        if (body.Model is { } m && !Names.IsValid(m))
        {
            return Problems.BadRequest($"model: '{m}' is not a valid name.");
        }

        var events = body.Events ?? [];
        if (events.FirstOrDefault(e => Array.IndexOf(EventTypes, e) < 0) is { } unknown)
        {
            return Problems.BadRequest($"events: '{unknown}' is not an event type; types are {string.Join(", ", EventTypes)}.");
        }

        var secret = body.Secret ?? "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var record = new WebhookRecord("wh_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), body.Url, secret, body.Model, events, time.GetUtcNow(), Actor(request.HttpContext));
        await store.InsertWebhookAsync(record, ct);
        return TypedResults.Created($"/api/v1/registry/webhooks/{record.Id}", new WebhookDto(record.Id, record.Url, record.Model, record.Events, record.CreatedAt, record.CreatedBy, secret));
    }

    private static async Task<IResult> ListWebhooks(IRegistryStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.ListWebhooksAsync(ct)).Select(w => new WebhookDto(w.Id, w.Url, w.Model, w.Events, w.CreatedAt, w.CreatedBy, null)).ToList());

    private static async Task<IResult> DeleteWebhook(string id, IRegistryStore store, CancellationToken ct) =>
        await store.DeleteWebhookAsync(id, ct) ? TypedResults.NoContent() : Problems.NotFound($"no webhook '{id}'.");

    private static async Task<IResult> Deliveries(string id, HttpRequest request, IRegistryStore store, CancellationToken ct)
    {
        var limit = int.TryParse(request.Query["limit"].FirstOrDefault(), out var l) && l is >= 1 and <= 1000 ? l : 100;
        return TypedResults.Ok((await store.ListDeliveriesAsync(id, limit, ct)).Select(WebhookDeliveryDto.Of).ToList());
    }

    private static async Task<IResult> Attempts(long id, IRegistryStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAttemptsAsync(id, ct));
}
