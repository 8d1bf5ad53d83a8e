using System.Text.Json;
using System.Text.RegularExpressions;
using Vigil.Cli.Data;
using Vigil.Cli.Evaluation;
using Vigil.Cli.Evaluation.Http;
using Vigil.Cli.Evaluation.Judge;

namespace Vigil.Cli.Tests.Evaluation;

public sealed partial class JudgeRunnerTests
{
    private const string Key = "sk-test-secret-123";

    private static List<EvalItem> Items(params string[] predictions) => predictions.Select((p, i) => new EvalItem(
        new GoldenItem($"q{i}", JsonSerializer.SerializeToElement($"question {i}"), JsonSerializer.SerializeToElement("reference"), [], i + 1),
        new EvalPrediction(JsonSerializer.SerializeToElement(p), null, null),
        ItemStatus.Ok)).ToList();

    private static async Task<(IReadOnlyList<EvalItem> Items, JudgeUsage Usage)> RunAsync(FakeHttpServer server, IReadOnlyList<EvalItem> items, bool pairwise = false, RetryOptions? retry = null)
    {
        var template = pairwise ? "Q: {{input}}\nA: {{prediction_a}}\nB: {{prediction_b}}" : "Q: {{input}}\nRef: {{expected}}\nAnswer: {{prediction}}";
        var options = new JudgeOptions
        {
            BaseUrl = new Uri(server.BaseUrl),
            Model = "judge-test",
            Rubric = JudgeRubric.Parse("rubric.txt", template, pairwise),
            ApiKey = Key,
            PriceIn = 2.5,
            PriceOut = 10,
            Concurrency = 2,
            Retry = retry ?? new RetryOptions { Retries = 2, BaseDelay = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(5) },
        };
        using var http = new HttpClient();
        var runner = new JudgeRunner(new ChatCompletionClient(http, options, TimeProvider.System), options);
        return await runner.RunAsync(items, "golden.jsonl", CancellationToken.None);
    }

    /// <summary>The quality digit the test hides in a prediction ("answer q3" has quality 3).</summary>
    private static int Quality(string text) => int.Parse(QualityPattern().Match(text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Run_Single_SendsModelTemperatureZeroAndKey_ParsesScoresAndUsage()
    {
        using var server = new FakeHttpServer(r => FakeJudge.Completion($"{{\"score\": {Quality(FakeJudge.Read(r).User)}, \"reason\": \"fits\"}}", 120, 8));
        var (items, usage) = await RunAsync(server, Items("answer q4", "answer q2", "answer q5"));
        Assert.Equal([4.0, 2.0, 5.0], items.Select(i => i.Judge!.Score!.Value));
        Assert.All(items, i => Assert.Equal("fits", i.Judge!.Reason));
        foreach (var request in server.Requests)
        {
            var (model, temperature, system, user) = FakeJudge.Read(request);
            Assert.Equal(("/v1/chat/completions", "judge-test", 0.0), (request.Path, model, temperature));
            Assert.Equal("Bearer " + Key, request.Authorization);
            Assert.Contains("{\"score\": <number from 1 to 5>", system);
            Assert.Contains("Ref: reference", user);
        }

        Assert.Equal((3, 0, 0), (usage.Calls, usage.FailedCalls, usage.ParseFailures));
        Assert.Equal((360L, 24L), (usage.PromptTokens, usage.CompletionTokens));
        // 360 / 1e6 * 2.5 + 24 / 1e6 * 10
        Assert.Equal(0.00114, usage.Cost!.Value, 1e-15);
        Assert.Equal(3, usage.Latency!.Count);
    }

    [Fact]
    public async Task Run_MalformedAnswers_AreRecordedParseFailuresWithoutScore()
    {
        using var server = new FakeHttpServer(r => Quality(FakeJudge.Read(r).User) switch
        {
            1 => FakeJudge.Completion("The answer deserves a 4."),
            2 => FakeJudge.Completion("{\"score\": \"4\"}"),
            3 => FakeJudge.Completion("{\"score\": 9}"),
            _ => FakeJudge.Completion("{\"score\": 4}"),
        });
        var (items, usage) = await RunAsync(server, Items("q1", "q2", "q3", "q4"));
        Assert.Equal([null, null, null, 4.0], items.Select(i => i.Judge!.Score));
        Assert.All(items.Take(3), i => Assert.True(i.Judge!.ParseFailure));
        Assert.Equal("The answer deserves a 4.", items[0].Judge!.RawAnswer);
        Assert.Contains("outside the scale", items[2].Judge!.Error);
        Assert.Equal((4, 0, 3), (usage.Calls, usage.FailedCalls, usage.ParseFailures));
    }

    [Fact]
    public async Task Run_RateLimited_RetriesAfterRetryAfterAndSucceeds()
    {
        var first = true;
        var gate = new object();
        using var server = new FakeHttpServer(r =>
        {
            lock (gate)
            {
                if (first)
                {
                    first = false;
                    return new FakeResponse(429, "{\"error\": {\"message\": \"Rate limit reached\"}}") { Headers = new() { ["Retry-After"] = "1" } };
                }
            }

            return FakeJudge.Completion("{\"score\": 3}");
        });
        var started = DateTime.UtcNow;
        var (items, usage) = await RunAsync(server, Items("q3"));
        Assert.Equal(3.0, items[0].Judge!.Score);
        Assert.Equal(2, server.Requests.Count);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9), "Retry-After: 1 was not honoured");
        Assert.Equal(0, usage.FailedCalls);
    }

    [Fact]
    public async Task Run_JudgeTooSlow_IsACallFailureNotAParseFailure()
    {
        using var server = new FakeHttpServer(r => FakeJudge.Completion("{\"score\": 3}") with { Delay = TimeSpan.FromSeconds(3) });
        var (items, usage) = await RunAsync(server, Items("q3"), retry: new RetryOptions { Timeout = TimeSpan.FromMilliseconds(200), Retries = 1, BaseDelay = TimeSpan.Zero });
        var verdict = items[0].Judge!;
        Assert.Null(verdict.Score);
        Assert.False(verdict.ParseFailure);
        Assert.Contains("timed out", verdict.Error);
        Assert.Equal((1, 1, 0), (usage.Calls, usage.FailedCalls, usage.ParseFailures));
        Assert.Null(usage.Latency);
    }

    [Fact]
    public async Task Run_NotAChatCompletion_IsACallFailure()
    {
        using var server = new FakeHttpServer(_ => FakeResponse.Json("{\"result\": \"4\"}"));
        var (items, _) = await RunAsync(server, Items("q3"));
        Assert.Contains("not a chat completion", items[0].Judge!.Error);
    }

    [Fact]
    public async Task Run_KeyRefused_StopsWithoutShowingTheKey()
    {
        using var server = new FakeHttpServer(_ => new FakeResponse(401, "{\"error\": \"invalid key\"}"));
        var ex = await Assert.ThrowsAsync<InputException>(() => RunAsync(server, Items("q3")));
        Assert.Contains("401", ex.Message);
        Assert.Contains(JudgeOptions.ApiKeyVariable, ex.Message);
        Assert.DoesNotContain(Key, ex.Message);
    }

    [Fact]
    public async Task Run_Pairwise_AsksBothOrdersAndAveragesAwayPositionBias()
    {
        // The judge prefers the higher quality, and on equal quality always names the first position (a position bias).
        using var server = new FakeHttpServer(r =>
        {
            var user = FakeJudge.Read(r).User;
            var a = Quality(user[user.IndexOf("A: ", StringComparison.Ordinal)..]);
            var b = Quality(user[user.IndexOf("B: ", StringComparison.Ordinal)..]);
            return FakeJudge.Completion($"{{\"winner\": \"{(a >= b ? "A" : "B")}\"}}");
        });
        var items = Items("q5", "q1", "q3");
        items = items.Select((i, k) => i with { PredictionB = new EvalPrediction(JsonSerializer.SerializeToElement(new[] { "q2", "q4", "q3" }[k]), null, null) }).ToList();
        var (judged, usage) = await RunAsync(server, items, pairwise: true);
        // A better: A wins both orders -> 1; B better -> 0; equal: "A" both times, i.e. once each -> 0.5.
        Assert.Equal([1.0, 0.0, 0.5], judged.Select(i => i.Judge!.Score!.Value));
        Assert.Equal(["A", "B"], judged[0].Judge!.Winners!);
        Assert.Equal([true, true, false], judged.Select(i => i.Judge!.Consistent!.Value));
        Assert.Equal(6, usage.Calls);
        Assert.Equal(6, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Contains("\"winner\"", FakeJudge.Read(r).System));
    }

    [Fact]
    public async Task Run_ItemWithoutPrediction_IsNotJudged()
    {
        using var server = new FakeHttpServer(_ => FakeJudge.Completion("{\"score\": 3}"));
        var items = Items("q3", "q4");
        items[1] = items[1] with { Prediction = null, Status = ItemStatus.Missing };
        var (judged, usage) = await RunAsync(server, items);
        Assert.NotNull(judged[0].Judge);
        Assert.Null(judged[1].Judge);
        Assert.Equal(1, usage.Calls);
    }

    [GeneratedRegex(@"q(\d)")]
    private static partial Regex QualityPattern();
}
