using System.Text.Json;
using Vigil.Cli.Evaluation;
using Vigil.Cli.Evaluation.Http;

namespace Vigil.Cli.Tests.Evaluation;

public sealed class EndpointRunnerTests
{
    private static List<GoldenItem> Golden(int count) => Enumerable.Range(1, count)
        .Select(i => new GoldenItem($"g{i}", JsonSerializer.SerializeToElement(new { text = $"item {i}", n = i }), null, [], i))
        .ToList();

    private static async Task<IReadOnlyList<EvalItem>> RunAsync(FakeHttpServer server, IReadOnlyList<GoldenItem> golden, int concurrency = 4, RetryOptions? retry = null)
    {
        using var client = new HttpClient();
        var options = new EndpointOptions { Url = new Uri(server.BaseUrl + "/predict"), Concurrency = concurrency, Retry = retry ?? new RetryOptions { Retries = 1, BaseDelay = TimeSpan.Zero } };
        return await new EndpointRunner(client, options, TimeProvider.System).RunAsync(golden, CancellationToken.None);
    }

    [Fact]
    public async Task Run_PostsEachInputAndReadsPredictionScoreAndProbabilities()
    {
        using var server = new FakeHttpServer(r =>
        {
            var n = JsonDocument.Parse(r.Body).RootElement.GetProperty("n").GetInt32();
            return FakeResponse.Json($"{{\"prediction\": \"{(n % 2 == 0 ? "even" : "odd")}\", \"score\": 0.{n}, \"probabilities\": {{\"even\": 0.25, \"odd\": 0.75}}}}");
        });
        var golden = Golden(5);
        var items = await RunAsync(server, golden);
        Assert.Equal(golden.Select(g => g.Id), items.Select(i => i.Golden.Id));
        Assert.All(items, i => Assert.Equal(ItemStatus.Ok, i.Status));
        Assert.Equal("even", items[1].Prediction!.Value.GetString());
        Assert.Equal(0.2, items[1].Prediction!.Score);
        Assert.Equal(0.75, items[1].Prediction!.Probabilities!["odd"]);
        Assert.All(items, i => Assert.True(i.LatencyMs > 0));
        Assert.Equal(golden.Select(g => g.Input.GetRawText()).Order(), server.Requests.Select(r => r.Body).Order());
        Assert.All(server.Requests, r => Assert.Equal(("POST", "/predict"), (r.Method, r.Path)));
    }

    [Fact]
    public async Task Run_Concurrency_IsBounded()
    {
        using var server = new FakeHttpServer(_ => new FakeResponse(200, "{\"prediction\": 1}") { Delay = TimeSpan.FromMilliseconds(100) });
        var items = await RunAsync(server, Golden(16), concurrency: 3);
        Assert.Equal(16, items.Count(i => i.Status == ItemStatus.Ok));
        Assert.InRange(server.MaxConcurrent, 1, 3);
    }

    [Theory]
    [InlineData("not json", "response is not JSON")]
    [InlineData("[1]", "response is not a JSON object")]
    [InlineData("{\"label\": 1}", "response field 'prediction': missing")]
    [InlineData("{\"prediction\": 1, \"score\": 2}", "response field 'score'")]
    public async Task Run_BadResponse_ItemFailsWithReason(string body, string reason)
    {
        using var server = new FakeHttpServer(_ => FakeResponse.Json(body));
        var item = (await RunAsync(server, Golden(1))).Single();
        Assert.Equal(ItemStatus.Failed, item.Status);
        Assert.Null(item.Prediction);
        Assert.Contains(reason, item.Error);
    }

    [Fact]
    public async Task Run_RateLimitedThenOk_SucceedsAndCountsAttempts()
    {
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        using var server = new FakeHttpServer(r => seen.AddOrUpdate(r.Body, 1, (_, c) => c + 1) == 1
            ? new FakeResponse(429, "") { Headers = new() { ["Retry-After"] = "0" } }
            : FakeResponse.Json("{\"prediction\": \"x\"}"));
        var items = await RunAsync(server, Golden(3));
        Assert.All(items, i => Assert.Equal((ItemStatus.Ok, 2), (i.Status, i.Attempts)));
    }

    [Fact]
    public async Task Run_ServerDownForOneItem_OnlyThatItemFails()
    {
        using var server = new FakeHttpServer(r => r.Body.Contains("item 2", StringComparison.Ordinal) ? new FakeResponse(502, "gateway") : FakeResponse.Json("{\"prediction\": 0}"));
        var items = await RunAsync(server, Golden(3));
        Assert.Equal([ItemStatus.Ok, ItemStatus.Failed, ItemStatus.Ok], items.Select(i => i.Status));
        Assert.Contains("HTTP 502", items[1].Error);
        Assert.Equal(2, items[1].Attempts);
    }

    [Fact]
    public void Options_Validate_RejectsOutOfRange()
    {
        var url = new Uri("http://127.0.0.1:1/");
        Assert.Throws<UsageException>(() => new EndpointOptions { Url = url, Concurrency = 0 }.Validate());
        Assert.Throws<UsageException>(() => new EndpointOptions { Url = new Uri("ftp://x/") }.Validate());
        Assert.Throws<UsageException>(() => new EndpointOptions { Url = url, Retry = new RetryOptions { Retries = -1 } }.Validate());
        Assert.Throws<UsageException>(() => new EndpointOptions { Url = url, Retry = new RetryOptions { Timeout = TimeSpan.Zero } }.Validate());
    }
}
