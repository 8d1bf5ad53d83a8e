using System.Net;
using System.Text.Json;

namespace Vigil.Server.Tests.Registry;

/// <summary>Small helpers for calling the registry API in tests.</summary>
internal static class RegistryClient
{
    public static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static async Task<JsonElement> Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} gave {(int)response.StatusCode}, expected {(int)status}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement;
    }

    public static Task<HttpResponseMessage> Post(HttpClient client, string path, string json) => client.PostAsync(path, TestServer.Json(json));

    public static Task<HttpResponseMessage> Put(HttpClient client, string path, string json) => client.PutAsync(path, TestServer.Json(json));

    public static async Task CreateVersionAsync(TestServer server, string model, string version, string extra = "")
    {
        await Expect(await Post(server.Client("registry"), $"api/v1/registry/models/{model}/versions", $$"""{"version": "{{version}}"{{extra}}}"""), HttpStatusCode.Created);
    }

    public static Task<HttpResponseMessage> Stage(TestServer server, string model, string version, string stage, string scope = "registry") =>
        Post(server.Client(scope), $"api/v1/registry/models/{model}/versions/{version}/stage", $$"""{"stage": "{{stage}}", "reason": "test"}""");

    public static async Task<string> ProductionOf(TestServer server, string model)
    {
        var v = await Expect(await server.Client("read").GetAsync($"api/v1/registry/models/{model}/versions/production"), HttpStatusCode.OK);
        return v.GetProperty("version").GetString()!;
    }
}
