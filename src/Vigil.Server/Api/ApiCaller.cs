using Microsoft.AspNetCore.Http.Features;
using Vigil.Server.Registry;

namespace Vigil.Server.Api;

/// <summary>What the registry and evaluation routes share: who is calling, how a refusal is answered, large uploads.</summary>
internal static class ApiCaller
{
    /// <summary>The calling key's name (recorded as the actor of audit entries, runs and approvals).</summary>
    public static string Actor(HttpContext http) => http.User.Identity?.Name ?? "unknown";

    /// <summary>A registry or evaluation error as ProblemDetails; a refused promotion carries every rule's verdict.</summary>
    public static IResult Problem(RegistryError e) =>
        TypedResults.Problem(
            e.Detail,
            statusCode: e.Status,
            title: e.Rules is null ? Title(e.Status) : "Promotion refused",
            extensions: e.Rules is null ? null : new Dictionary<string, object?> { ["rules"] = e.Rules });

    /// <summary>Raises this request's body limit from the server's <c>MaxBodyBytes</c> to <paramref name="limit"/> (artifact and golden set uploads).</summary>
    public static void AllowBody(HttpContext http, long limit)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }
    }

    private static string Title(int status) => status switch
    {
        400 => "Bad request",
        404 => "Not found",
        409 => "Conflict",
        413 => "Payload too large",
        _ => "Server error",
    };
}
