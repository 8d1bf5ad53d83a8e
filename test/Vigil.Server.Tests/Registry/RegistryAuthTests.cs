using System.Net;
using static Vigil.Server.Tests.Registry.RegistryClient;

namespace Vigil.Server.Tests.Registry;

public sealed class RegistryAuthTests
{
    public static TheoryData<string, string, string> Routes => new()
    {
        { "GET", "api/v1/registry/models", "read" },
        { "GET", "api/v1/registry/models/m", "read" },
        { "PUT", "api/v1/registry/models/m", "registry" },
        { "GET", "api/v1/registry/models/m/policy", "read" },
        { "PUT", "api/v1/registry/models/m/policy", "admin" },
        { "POST", "api/v1/registry/models/m/versions", "registry" },
        { "GET", "api/v1/registry/models/m/versions/v1", "read" },
        { "PUT", "api/v1/registry/models/m/versions/v1/artifacts/a.bin", "registry" },
        { "GET", "api/v1/registry/models/m/versions/v1/artifacts/a.bin", "read" },
        { "POST", "api/v1/registry/models/m/versions/v1/stage", "registry" },
        { "POST", "api/v1/registry/models/m/versions/v1/approvals", "admin" },
        { "PUT", "api/v1/registry/models/m/aliases/champion", "registry" },
        { "DELETE", "api/v1/registry/models/m/aliases/champion", "registry" },
        { "POST", "api/v1/registry/models/m/rollback", "registry" },
        { "GET", "api/v1/registry/models/m/history", "read" },
        { "GET", "api/v1/registry/models/m/baseline", "read" },
        { "GET", "api/v1/registry/audit", "read" },
        { "GET", "api/v1/registry/audit/verify", "admin" },
        { "POST", "api/v1/registry/webhooks", "admin" },
        { "GET", "api/v1/registry/webhooks", "admin" },
        { "DELETE", "api/v1/registry/webhooks/wh_1", "admin" },
        { "GET", "api/v1/registry/webhooks/wh_1/deliveries", "admin" },
        { "GET", "api/v1/registry/deliveries/1/attempts", "admin" },
        { "POST", "api/v1/models/m/eval-runs", "ingest" },
        { "GET", "api/v1/models/m/eval-runs", "read" },
        { "GET", "api/v1/eval-runs/run_1", "read" },
        { "GET", "api/v1/eval-runs/compare?base=a&candidate=b", "read" },
        { "PUT", "api/v1/golden-sets/g", "ingest" },
        { "GET", "api/v1/golden-sets", "read" },
        { "GET", "api/v1/golden-sets/g", "read" },
        { "GET", "api/v1/golden-sets/g/content", "read" },
    };

    [Fact]
    public async Task EveryRegistryAndEvaluationRoute_RefusesMissingUnknownAndWrongScopeKeys()
    {
        await using var server = await TestServer.StartAsync();
        foreach (var row in Routes)
        {
            var (method, path, scope) = ((string)row[0], (string)row[1], (string)row[2]);
            HttpRequestMessage Request() => new(new HttpMethod(method), path) { Content = TestServer.Json("{}") };
            var anonymous = await server.Client(null).SendAsync(Request());
            Assert.True(anonymous.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} without a key gave {anonymous.StatusCode}");
            Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
            var unknown = server.Client(null);
            unknown.DefaultRequestHeaders.Authorization = new("Bearer", "vgl_000000000000_" + new string('x', 43));
            Assert.Equal(HttpStatusCode.Unauthorized, (await unknown.SendAsync(Request())).StatusCode);
            var other = scope switch { "read" => "ingest", "admin" => "registry", _ => "read" };
            var wrong = await server.Client(other).SendAsync(Request());
            Assert.True(wrong.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} with a '{other}' key gave {wrong.StatusCode}");
            Assert.Contains($"'{scope}' scope", (await JsonOf(wrong)).GetProperty("detail").GetString());
            var admin = await server.Client("admin").SendAsync(Request());
            Assert.True(admin.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{method} {path} with an admin key gave {admin.StatusCode}");
        }
    }

    [Fact]
    public async Task OpenApi_ListsTheRegistryAndEvaluationRoutes()
    {
        await using var server = await TestServer.StartAsync();
        var paths = System.Text.Json.JsonDocument.Parse(await server.Client(null).GetStringAsync("openapi/v1.json")).RootElement.GetProperty("paths");
        foreach (var row in Routes)
        {
            var path = "/" + ((string)row[1]).Split('?')[0]
                .Replace("/models/m", "/models/{model}", StringComparison.Ordinal)
                .Replace("/versions/v1", "/versions/{reference}", StringComparison.Ordinal)
                .Replace("/artifacts/a.bin", "/artifacts/{name}", StringComparison.Ordinal)
                .Replace("/aliases/champion", "/aliases/{alias}", StringComparison.Ordinal)
                .Replace("/webhooks/wh_1", "/webhooks/{id}", StringComparison.Ordinal)
                .Replace("/deliveries/1", "/deliveries/{id}", StringComparison.Ordinal)
                .Replace("/eval-runs/run_1", "/eval-runs/{id}", StringComparison.Ordinal)
                .Replace("/golden-sets/g", "/golden-sets/{name}", StringComparison.Ordinal);
            if (path.EndsWith("/versions/{reference}/artifacts/{name}", StringComparison.Ordinal) && (string)row[0] == "PUT")
            {
                path = path.Replace("{reference}", "{version}", StringComparison.Ordinal);
            }

            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in /openapi/v1.json");
        }
    }
}
