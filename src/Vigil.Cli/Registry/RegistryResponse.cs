using System.Net;
using System.Text.Json;

namespace Vigil.Cli.Registry;

/// <summary>A registry API answer, read whole: status, body text, and the body as JSON when it is JSON.</summary>
internal sealed record RegistryResponse(HttpStatusCode Status, string Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>The body as JSON (an undefined element when the body is empty).</summary>
    public JsonElement Json()
    {
        if (Body.Length == 0)
        {
            return default;
        }

        try
        {
            using var doc = JsonDocument.Parse(Body);
            return doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new RegistryFailure(ExitCodes.CheckFailed, $"the server answered {(int)Status} with a body that is not JSON: {ex.Message}");
        }
    }

    /// <summary>The ProblemDetails title and detail of an error answer (or the start of the body when it is not one).</summary>
    public (string Title, string Detail) Problem()
    {
        var title = Status.ToString();
        var detail = Body.Length > 300 ? Body[..300] + "..." : Body;
        try
        {
            using var doc = JsonDocument.Parse(Body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (doc.RootElement.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String)
                {
                    title = t.GetString()!;
                }

                if (doc.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String)
                {
                    detail = d.GetString()!;
                }
            }
        }
        catch (JsonException)
        {
        }

        return (title, detail.Length == 0 ? "(no detail)" : detail);
    }

    /// <summary>
    /// Throws the failure an error answer means: 409 and 5xx exit 1 (refused, failed); 400, 401, 403, 404, 413 and
    /// other answers exit 2 (bad request, key or reference).
    /// </summary>
    public RegistryResponse EnsureSuccess()
    {
        if (IsSuccess)
        {
            return this;
        }

        var (title, detail) = Problem();
        var code = (int)Status;
        var hint = code == 401 ? " (pass --api-key or set VIGIL_API_KEY)" : string.Empty;
        var exit = code == 409 || code >= 500 ? ExitCodes.CheckFailed : ExitCodes.BadInput;
        throw new RegistryFailure(exit, $"the server answered {code} {title}: {detail}{hint}");
    }
}
