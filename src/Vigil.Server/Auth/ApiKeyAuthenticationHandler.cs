using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vigil.Storage;

namespace Vigil.Server.Auth;

/// <summary>Authenticates <c>Authorization: Bearer vgl_...</c> against the stored key hashes (cached for 30 s).</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IVigilStore store,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private static readonly ConcurrentDictionary<string, (ApiKeyRecord? Record, DateTimeOffset Until)> Cache = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !ApiKeys.TryParse(header[7..].Trim(), out var id, out var secret))
        {
            return AuthenticateResult.Fail("the Authorization header is not 'Bearer vgl_...'.");
        }

        var now = time.GetUtcNow();
        if (!Cache.TryGetValue(id, out var cached) || cached.Until < now)
        {
            cached = (await store.FindApiKeyAsync(id, Context.RequestAborted), now + CacheFor);
            Cache[id] = cached;
        }

        var record = cached.Record;
        if (record is null || !ApiKeys.Matches(record, secret))
        {
            return AuthenticateResult.Fail("unknown API key.");
        }

        if (record.RevokedAt is { } revoked && revoked <= now)
        {
            return AuthenticateResult.Fail("the API key was revoked.");
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, record.Name), new("key_id", record.Id) };
        claims.AddRange(record.Scopes.Select(s => new Claim("scope", s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var failure = Context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Failure?.Message;
        await Results.Problem(
            statusCode: 401,
            title: "Unauthorized",
            detail: failure ?? "an API key is required: send 'Authorization: Bearer vgl_...' (create one with 'vigil keys create').").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var scope = Context.GetEndpoint()?.Metadata.GetMetadata<RequiredScope>()?.Scope ?? "a different";
        await Results.Problem(statusCode: 403, title: "Forbidden", detail: $"this route needs an API key with the '{scope}' scope (admin keys hold every scope).").ExecuteAsync(Context);
    }

    /// <summary>Forgets cached keys (after a revocation in this process).</summary>
    public static void ClearCache() => Cache.Clear();
}
