using System.Net;
using System.Text.Json;

namespace Vigil.Server.Tests;

public sealed class ServerApiTests
{
    private const string Schema = """
        {"prediction_type": "binary", "classes": ["no", "yes"],
         "features": [{"name": "income", "type": "numerical"}, {"name": "region", "type": "categorical"}]}
        """;

    private static readonly DateTimeOffset Hour = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static string Event(string id, int minute, string prediction, double score, double income, string region, double latency = 10, string version = "v1") =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = id,
            ["timestamp"] = Hour.AddMinutes(minute).ToString("O"),
            ["version"] = version,
            ["features"] = new Dictionary<string, object> { ["income"] = income, ["region"] = region },
            ["prediction"] = prediction,
            ["score"] = score,
            ["latency_ms"] = latency,
            ["stages"] = new Dictionary<string, double> { ["forward"] = latency / 2 },
            ["segments"] = new Dictionary<string, string> { ["region"] = region },
        });

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task CreateModelAsync(TestServer server)
    {
        var put = await server.Client("admin").PutAsync("api/v1/models/loans", TestServer.Json(Schema));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }

    [Fact]
    public async Task EveryApiRoute_WithoutKeyOrScope_IsRefusedWithProblemDetails()
    {
        await using var server = await TestServer.StartAsync();
        await CreateModelAsync(server);
        var routes = new (HttpMethod Method, string Path, string Scope)[]
        {
            (HttpMethod.Put, "api/v1/models/loans", "admin"),
            (HttpMethod.Post, "api/v1/models/loans/versions/v1/reference", "admin"),
            (HttpMethod.Post, "api/v1/models/loans/predictions", "ingest"),
            (HttpMethod.Post, "api/v1/models/loans/labels", "ingest"),
            (HttpMethod.Post, "api/v1/pipelines/etl/runs", "ingest"),
            (HttpMethod.Get, "api/v1/models/loans/drift?version=v1", "read"),
            (HttpMethod.Get, "api/v1/models/loans/performance", "read"),
            (HttpMethod.Get, "api/v1/models/loans/latency", "read"),
            (HttpMethod.Get, "api/v1/models/loans/traffic", "read"),
            (HttpMethod.Get, "api/v1/pipelines/etl/health", "read"),
            (HttpMethod.Get, "api/v1/models", "read"),
        };
        foreach (var (method, path, scope) in routes)
        {
            var anonymous = await server.Client(null).SendAsync(new HttpRequestMessage(method, path) { Content = TestServer.Json("[]") });
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
            var bad = server.Client(null);
            bad.DefaultRequestHeaders.Authorization = new("Bearer", "vgl_000000000000_" + new string('x', 43));
            Assert.Equal(HttpStatusCode.Unauthorized, (await bad.SendAsync(new HttpRequestMessage(method, path) { Content = TestServer.Json("[]") })).StatusCode);
            var other = scope == "read" ? "ingest" : "read";
            var wrong = await server.Client(other).SendAsync(new HttpRequestMessage(method, path) { Content = TestServer.Json("[]") });
            Assert.True(wrong.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} with a '{other}' key gave {wrong.StatusCode}");
            Assert.Contains(scope, (await JsonOf(wrong)).GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task Predictions_BadRowsRejectedWithReasons_GoodRowsKept_ResendIsDuplicate()
    {
        await using var server = await TestServer.StartAsync();
        await CreateModelAsync(server);
        var body = string.Join('\n',
            Event("a", 1, "yes", 0.9, 50000, "north"),
            """{"id": "b", "timestamp": "2026-11-20T10:02:00Z", "version": "v1", "features": {"income": "lots", "region": "north"}, "prediction": "yes"}""",
            """{"id": "c", "timestamp": "2026-11-20T10:03:00Z", "version": "v1", "features": {"income": 1, "region": "north"}, "prediction": "maybe"}""",
            """{"id": "d", "timestamp": "2026-11-20T10:04:00Z", "features": {}, "prediction": "no"}""",
            """{"id": "e", "timestamp": "2026-11-20T10:05:00Z", "version": "v1", "features": {"incme": 3}, "prediction": "no"}""",
            Event("f", 6, "no", 0.2, 40000, "south"));
        var client = server.Client("ingest");
        var first = await JsonOf(await client.PostAsync("api/v1/models/loans/predictions", TestServer.Json(body, "application/x-ndjson")));
        Assert.Equal(2, first.GetProperty("accepted").GetInt32());
        Assert.Equal(4, first.GetProperty("rejected").GetInt32());
        var errors = first.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("index").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Equal([(1, "features.income"), (2, "prediction"), (3, "version"), (4, "features.incme")], errors);

        var again = await JsonOf(await client.PostAsync("api/v1/models/loans/predictions", TestServer.Json($"[{Event("a", 1, "yes", 0.9, 50000, "north")}, {Event("g", 7, "yes", 0.7, 45000, "north")}]")));
        Assert.Equal(1, again.GetProperty("accepted").GetInt32());
        Assert.Equal(1, again.GetProperty("duplicates").GetInt32());

        var atomic = await client.PostAsync("api/v1/models/loans/predictions?atomic=true", TestServer.Json($"[{Event("h", 8, "yes", 0.7, 1, "north")}, {{\"id\": \"i\"}}]"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, atomic.StatusCode);
        var traffic = await JsonOf(await server.Client("read").GetAsync("api/v1/models/loans/traffic?from=2026-11-20T10:00:00Z&to=2026-11-20T11:00:00Z"));
        var point = traffic.GetProperty("points")[0];
        Assert.Equal(3, point.GetProperty("predictions").GetInt64()); // a, f, g; never h
        Assert.Equal(4, point.GetProperty("rejected").GetInt64());
        Assert.Equal(4.0 / 7, point.GetProperty("schema_failure_rate").GetDouble(), 12);
    }

    [Fact]
    public async Task Labels_JoinWhicheverArrivesFirst_PerformanceMatchesHandComputedMetrics()
    {
        await using var server = await TestServer.StartAsync();
        await CreateModelAsync(server);
        var ingest = server.Client("ingest");
        // Two labels arrive before their predictions, two after.
        await ingest.PostAsync("api/v1/models/loans/labels", TestServer.Json("""[{"id": "p1", "label": "yes"}, {"id": "p2", "label": "no"}]"""));
        var predictions = $"[{Event("p1", 1, "yes", 0.9, 1, "north")}, {Event("p2", 2, "yes", 0.6, 1, "north")}, {Event("p3", 3, "no", 0.4, 1, "south")}, {Event("p4", 4, "no", 0.1, 1, "south")}]";
        Assert.Equal(HttpStatusCode.OK, (await ingest.PostAsync("api/v1/models/loans/predictions", TestServer.Json(predictions))).StatusCode);
        var late = await JsonOf(await ingest.PostAsync("api/v1/models/loans/labels", TestServer.Json("""[{"id": "p3", "label": "yes"}, {"id": "p4", "label": "no"}, {"id": "p4", "label": "yes"}, {"id": "p9", "label": "cat"}]""")));
        Assert.Equal(2, late.GetProperty("accepted").GetInt32());
        Assert.Equal(1, late.GetProperty("duplicates").GetInt32());
        Assert.Equal(1, late.GetProperty("rejected").GetInt32());
        await server.RunMaintenanceAsync();

        var perf = await JsonOf(await server.Client("read").GetAsync("api/v1/models/loans/performance?from=2026-11-20T10:00:00Z&to=2026-11-20T11:00:00Z"));
        var point = perf.GetProperty("series")[0].GetProperty("points")[0];
        Assert.Equal(4, point.GetProperty("labelled").GetInt64());
        var m = point.GetProperty("metrics");
        // TP p1, FP p2, FN p3, TN p4: accuracy = precision = recall = F1 = 1/2.
        Assert.Equal(0.5, m.GetProperty("accuracy").GetDouble(), 12);
        Assert.Equal(0.5, m.GetProperty("precision").GetDouble(), 12);
        Assert.Equal(0.5, m.GetProperty("recall").GetDouble(), 12);
        Assert.Equal(0.5, m.GetProperty("f1").GetDouble(), 12);
        // Positives {0.9, 0.4} vs negatives {0.6, 0.1}: 3 of 4 pairs ordered.
        Assert.Equal(0.75, m.GetProperty("roc_auc").GetDouble(), 12);
        // -(ln 0.9 + ln 0.6' + ln 0.4 + ln 0.9') / 4 with p(true) = 0.9, 0.4, 0.4, 0.9.
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.4)) / 2, m.GetProperty("log_loss").GetDouble(), 9);

        var north = await JsonOf(await server.Client("read").GetAsync("api/v1/models/loans/performance?from=2026-11-20T10:00:00Z&to=2026-11-20T11:00:00Z&segment=region:north"));
        Assert.Equal(2, north.GetProperty("series")[0].GetProperty("points")[0].GetProperty("labelled").GetInt64());
    }

    [Fact]
    public async Task DriftAndLatency_AnswerFromMergedWindows_AndRebuildGivesTheSameAnswers()
    {
        await using var server = await TestServer.StartAsync();
        await CreateModelAsync(server);
        var reference = string.Join('\n', Enumerable.Range(0, 300).Select(i => $$"""{"income": {{40000 + (i * 100)}}, "region": "{{(i % 2 == 0 ? "north" : "south")}}"}"""));
        var refResponse = await server.Client("admin").PostAsync("api/v1/models/loans/versions/v1/reference", TestServer.Json(reference, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, refResponse.StatusCode);

        var ingest = server.Client("ingest");
        for (var batch = 0; batch < 3; batch++)
        {
            var rows = Enumerable.Range(0, 100).Select(i => Event($"e{batch}-{i}", i % 60 + (batch * 60), "no", 0.2, 80000 + (i * 100), "north", latency: 1 + i));
            await ingest.PostAsync("api/v1/models/loans/predictions", TestServer.Json($"[{string.Join(',', rows)}]"));
        }

        var read = server.Client("read");
        const string Range = "from=2026-11-20T10:00:00Z&to=2026-11-20T13:00:00Z";
        var drift = await read.GetStringAsync($"api/v1/models/loans/drift?version=v1&num_method=ks&{Range}");
        var doc = JsonDocument.Parse(drift).RootElement.GetProperty("series")[0].GetProperty("points");
        Assert.Equal(3, doc.GetArrayLength());
        var income = doc[0].GetProperty("features").EnumerateArray().First(f => f.GetProperty("feature").GetString() == "income");
        Assert.True(income.GetProperty("drifted").GetBoolean());
        Assert.True(income.GetProperty("exact").GetBoolean());
        Assert.Equal("ks", income.GetProperty("method").GetString());

        var latency = JsonDocument.Parse(await read.GetStringAsync($"api/v1/models/loans/latency?step=all&{Range}")).RootElement.GetProperty("series")[0].GetProperty("points")[0];
        Assert.Equal(300, latency.GetProperty("count").GetInt64());
        // Latencies 1..100 ms three times: the median is 50 or 51 within DDSketch's 1% relative accuracy.
        Assert.InRange(latency.GetProperty("p50").GetDouble(), 50 * 0.99, 51 * 1.01);
        Assert.InRange(latency.GetProperty("p99").GetDouble(), 99 * 0.99, 100 * 1.01);
        Assert.True(latency.GetProperty("stages").TryGetProperty("forward", out _));

        await server.RunMaintenanceAsync();
        var compacted = await read.GetStringAsync($"api/v1/models/loans/drift?version=v1&num_method=ks&{Range}");
        Assert.Equal(drift, compacted);
        var rebuild = await server.Client("admin").PostAsync("api/v1/models/loans/rebuild?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z", null);
        Assert.Equal(300, (await JsonOf(rebuild)).GetProperty("predictions").GetInt64());
        Assert.Equal(drift, await read.GetStringAsync($"api/v1/models/loans/drift?version=v1&num_method=ks&{Range}"));
    }

    [Fact]
    public async Task PipelineHealth_ReportsDelaysOnTimeShareAndSchemaFailures()
    {
        await using var server = await TestServer.StartAsync();
        var runs = """
            [{"scheduled_at": "2026-11-20T10:00:00Z", "completed_at": "2026-11-20T10:05:00Z", "rows": 1000, "schema_violations": 10},
             {"scheduled_at": "2026-11-20T11:00:00Z", "completed_at": "2026-11-20T11:45:00Z", "rows": 1000, "schema_violations": 30},
             {"scheduled_at": "2026-11-20T12:00:00Z", "completed_at": "2026-11-20T12:10:00Z", "rows": 2000, "schema_violations": 0}]
            """;
        var posted = await JsonOf(await server.Client("ingest").PostAsync("api/v1/pipelines/etl/runs", TestServer.Json(runs)));
        Assert.Equal(3, posted.GetProperty("accepted").GetInt32());
        Assert.Equal(3, (await JsonOf(await server.Client("ingest").PostAsync("api/v1/pipelines/etl/runs", TestServer.Json(runs)))).GetProperty("duplicates").GetInt32());
        var health = await JsonOf(await server.Client("read").GetAsync("api/v1/pipelines/etl/health?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z&tolerance=15m"));
        Assert.Equal(3, health.GetProperty("runs").GetInt32());
        Assert.Equal(2, health.GetProperty("on_time").GetInt32());
        Assert.Equal(2.0 / 3, health.GetProperty("on_time_share").GetDouble(), 12);
        Assert.Equal(600, health.GetProperty("delay_p50_seconds").GetDouble(), 9); // delays 300, 2700, 600 s
        Assert.Equal(40.0 / 4000, health.GetProperty("schema_failure_rate").GetDouble(), 12);
    }

    [Fact]
    public async Task BadRequests_GetProblemDetailsNamingTheParameter()
    {
        await using var server = await TestServer.StartAsync(o => o.MaxBodyBytes = 4096);
        await CreateModelAsync(server);
        var read = server.Client("read");
        var bad = await read.GetAsync("api/v1/models/loans/latency?step=7m");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.StartsWith("step:", (await JsonOf(bad)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await read.GetAsync("api/v1/models/nope/latency")).StatusCode);
        var big = await server.Client("ingest").PostAsync("api/v1/models/loans/predictions", TestServer.Json("[" + string.Join(',', Enumerable.Repeat(Event("x", 1, "no", 0.1, 1, "north"), 40)) + "]"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        var schema = await server.Client("admin").PutAsync("api/v1/models/other", TestServer.Json("""{"prediction_type": "binary", "classes": ["a"], "features": []}"""));
        Assert.Equal(HttpStatusCode.BadRequest, schema.StatusCode);
        Assert.StartsWith("classes:", (await JsonOf(schema)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheContractRoutes()
    {
        await using var server = await TestServer.StartAsync();
        var doc = JsonDocument.Parse(await server.Client(null).GetStringAsync("openapi/v1.json")).RootElement.GetProperty("paths");
        foreach (var path in new[]
        {
            "/api/v1/models/{model}", "/api/v1/models/{model}/versions/{version}/reference", "/api/v1/models/{model}/predictions",
            "/api/v1/models/{model}/labels", "/api/v1/pipelines/{pipeline}/runs", "/api/v1/models/{model}/drift",
            "/api/v1/models/{model}/performance", "/api/v1/models/{model}/latency", "/api/v1/pipelines/{pipeline}/health",
        })
        {
            Assert.True(doc.TryGetProperty(path, out _), $"{path} is not in /openapi/v1.json");
        }

        Assert.Equal(HttpStatusCode.OK, (await server.Client(null).GetAsync("healthz")).StatusCode);
    }
}
