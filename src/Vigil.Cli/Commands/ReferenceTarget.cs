using System.Net.Http.Headers;
using System.Text.Json;
using Vigil.Cli.Registry;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil profile --reference MODEL:VERSION</c>: registers the written profile as a version's reference in a server.</summary>
internal sealed record ReferenceTarget(Uri Server, string ApiKey, string Model, string Version)
{
    public static ReferenceTarget Parse(string spec, string? server, string? apiKey)
    {
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == spec.Length - 1)
        {
            throw new UsageException($"--reference '{spec}': expected MODEL:VERSION.");
        }

        var url = server ?? Environment.GetEnvironmentVariable("VIGIL_URL") ?? "http://127.0.0.1:5080";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new UsageException($"--server '{url}': not an absolute URL.");
        }

        var key = apiKey ?? Environment.GetEnvironmentVariable("VIGIL_API_KEY")
            ?? throw new UsageException("--reference needs an API key with the admin scope: --api-key or $VIGIL_API_KEY.");
        return new ReferenceTarget(uri, key, spec[..colon], spec[(colon + 1)..]);
    }

    /// <summary>Posts the profile; returns a line describing what the server registered.</summary>
    public async Task<string> UploadAsync(string profilePath, CancellationToken ct)
    {
        using var client = new RegistryHttp(Server, ApiKey, TimeSpan.FromMinutes(10), "api/v1/");
        await using var file = File.OpenRead(profilePath);
        using var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var info = (await client.SendAsync(HttpMethod.Post, $"models/{Uri.EscapeDataString(Model)}/versions/{Uri.EscapeDataString(Version)}/reference", content, ct).ConfigureAwait(false)).EnsureSuccess().Json();
        var missing = info.TryGetProperty("missing_features", out var m) && m.ValueKind == JsonValueKind.Array ? m.GetArrayLength() : 0;
        return $"registered as the reference of {Model} {Version} at {Server} ({info.GetProperty("rows").GetInt64():N0} rows"
            + (missing > 0 ? $"; {missing} schema feature(s) missing from it: {string.Join(", ", m.EnumerateArray().Select(e => e.GetString()))})" : ")");
    }
}
