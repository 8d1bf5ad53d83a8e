using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Server.Auth;

/// <summary>API-key authentication and one policy per scope; every endpoint needs a key unless marked anonymous.</summary>
internal static class AuthExtensions
{
    public static IServiceCollection AddVigilAuth(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy("ingest", p => p.RequireClaim("scope", "ingest", "admin"))
            .AddPolicy("read", p => p.RequireClaim("scope", "read", "admin"))
            .AddPolicy("registry", p => p.RequireClaim("scope", "registry", "admin"))
            .AddPolicy("admin", p => p.RequireClaim("scope", "admin"));
        return services;
    }

    /// <summary>Requires <paramref name="scope"/> (admin holds every scope).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(scope).WithMetadata(new RequiredScope(scope));
}
