using System.Net;
using System.Text.Json;
using static Vigil.Server.Tests.Registry.RegistryClient;

namespace Vigil.Server.Tests.Registry;

public sealed class RegistryBaselineTests
{
    private static string Rows(int from, int count) =>
        string.Join('\n', Enumerable.Range(from, count).Select(i => $$"""{"x": {{i}}}"""));

    [Fact]
    public async Task DriftAgainstTheReleaseBaseline_StaysOnTheSnapshot_WhenTheVersionsReferenceIsReplaced()
    {
        await using var server = await TestServer.StartAsync();
        await Expect(await Put(server.Client("admin"), "api/v1/models/pricer", """{"prediction_type": "regression", "features": [{"name": "x", "type": "numerical"}]}"""), HttpStatusCode.OK);
        await Expect(await server.Client("admin").PostAsync("api/v1/models/pricer/versions/v1/reference", TestServer.Json(Rows(0, 100), "application/x-ndjson")), HttpStatusCode.OK);
        await Expect(await server.Client("read").GetAsync("api/v1/models/pricer/drift?reference=baseline"), HttpStatusCode.NotFound);

        await CreateVersionAsync(server, "pricer", "v1");
        await Expect(await Stage(server, "pricer", "v1", "staging"), HttpStatusCode.OK);
        await Expect(await Stage(server, "pricer", "v1", "production"), HttpStatusCode.OK);

        var now = DateTimeOffset.UtcNow.AddMinutes(-30);
        var events = string.Join('\n', Enumerable.Range(0, 60).Select(i =>
            $$"""{"id": "e{{i}}", "timestamp": "{{now.AddSeconds(i):O}}", "version": "v1", "features": {"x": {{50 + i}}}, "prediction": 1.5}"""));
        var ingest = await Expect(await server.Client("ingest").PostAsync("api/v1/models/pricer/predictions", TestServer.Json(events, "application/x-ndjson")), HttpStatusCode.OK);
        Assert.Equal(60, ingest.GetProperty("accepted").GetInt32());

        static async Task<string> Drift(TestServer server, string reference)
        {
            var answer = await Expect(await server.Client("read").GetAsync($"api/v1/models/pricer/drift?version=v1&step=all&reference={reference}"), HttpStatusCode.OK);
            var feature = answer.GetProperty("series")[0].GetProperty("points")[0].GetProperty("features")[0];
            return JsonSerializer.Serialize(feature);
        }

        var atRelease = await Drift(server, "baseline");
        Assert.Equal(atRelease, await Drift(server, "v1"));

        // The version's reference is replaced after release: drift against v1 moves, against the baseline it does not.
        await Expect(await server.Client("admin").PostAsync("api/v1/models/pricer/versions/v1/reference", TestServer.Json(Rows(1000, 100), "application/x-ndjson")), HttpStatusCode.OK);
        Assert.NotEqual(atRelease, await Drift(server, "v1"));
        Assert.Equal(atRelease, await Drift(server, "baseline"));
    }
}
