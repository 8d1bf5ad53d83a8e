using System.Text.Json;

namespace Vigil.Cli.Tests.Evaluation;

/// <summary><c>vigil eval --endpoint</c> against a local model server.</summary>
public sealed class EvalCommandEndpointTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>A model that answers what cls_preds_a.jsonl holds for the message's id and fails (503) for the ids that file lacks.</summary>
    private static FakeHttpServer ModelServer()
    {
        var answers = File.ReadAllLines(EvalReference.Eval("cls_preds_a.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetRawText());
        return new FakeHttpServer(r =>
        {
            var text = JsonDocument.Parse(r.Body).RootElement.GetProperty("text").GetString()!;
            var id = $"c{int.Parse(text["message ".Length..], System.Globalization.CultureInfo.InvariantCulture):000}";
            return answers.TryGetValue(id, out var answer)
                ? FakeResponse.Json(answer)
                : new FakeResponse(503, "{\"error\": \"model overloaded\"}") { Headers = new() { ["Retry-After"] = "0" } };
        });
    }

    [Fact]
    public void Endpoint_SameAnswersAsTheFile_SameMetrics_FailuresCounted()
    {
        using var server = ModelServer();
        var (exit, report, error) = EvalCli.Json(_cli, "-d", EvalReference.Eval("cls_golden.jsonl"), "--endpoint", server.BaseUrl + "/predict",
            "--concurrency", "3", "--retries", "1", "--retry-delay", "0");
        Assert.True(exit == 0, error);
        var reference = EvalReference.Root.GetProperty("classification");
        EvalCli.AssertMetrics(reference.GetProperty("metrics"), report.GetProperty("metrics"));
        Assert.Equal(reference.GetProperty("pass_rate").GetDouble(), report.GetProperty("metrics").GetProperty("pass_rate").GetDouble(), EvalCli.Tolerance);
        Assert.Equal((3, 0), (report.GetProperty("failed").GetInt32(), report.GetProperty("missing").GetInt32()));
        var failed = report.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("status").GetString() == "failed").ToList();
        Assert.Equal(reference.GetProperty("missing").EnumerateArray().Select(e => e.GetString()), failed.Select(i => i.GetProperty("id").GetString()));
        Assert.All(failed, i => Assert.Contains("HTTP 503", i.GetProperty("error").GetString()));
        Assert.All(failed, i => Assert.Equal(2, i.GetProperty("attempts").GetInt32()));
        var latency = report.GetProperty("latency_ms");
        Assert.Equal(57, latency.GetProperty("count").GetInt32());
        Assert.True(latency.GetProperty("p95").GetDouble() >= latency.GetProperty("p50").GetDouble());
        Assert.Equal(server.BaseUrl + "/predict", report.GetProperty("source").GetString());
        Assert.InRange(server.MaxConcurrent, 1, 3);
        Assert.Equal(57 + (3 * 2), server.Requests.Count);
    }

    [Fact]
    public void Endpoint_SlowAndMalformedAnswers_FailThoseItemsOnly()
    {
        var golden = _cli.Write("g.jsonl", string.Join('\n', Enumerable.Range(1, 6).Select(i => $"{{\"id\": \"{i}\", \"input\": {{\"n\": {i}}}, \"expected\": 2.5}}")) + "\n");
        using var server = new FakeHttpServer(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("n").GetInt32() switch
        {
            2 => FakeResponse.Json("{\"prediction\": 1}") with { Delay = TimeSpan.FromSeconds(6) },
            3 => FakeResponse.Json("{\"answer\": 2}"),
            4 => FakeResponse.Json("{\"prediction\": \"two\"}"),
            _ => FakeResponse.Json("{\"prediction\": 2}"),
        });
        var (exit, report, error) = EvalCli.Json(_cli, "-d", golden, "--endpoint", server.BaseUrl, "--timeout", "1.5", "--retries", "0");
        Assert.True(exit == 0, error);
        Assert.Equal("regression", report.GetProperty("task").GetString());
        var items = report.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["ok", "failed", "failed", "failed", "ok", "ok"], items.Select(i => i.GetProperty("status").GetString()));
        Assert.Contains("timed out", items[1].GetProperty("error").GetString());
        Assert.Contains("'prediction': missing", items[2].GetProperty("error").GetString());
        Assert.Contains("must be a number", items[3].GetProperty("error").GetString());
        // Three answers of 2 against 2.5: MAE 0.5 (failed items are left out of the metrics, and counted in coverage).
        Assert.Equal(0.5, report.GetProperty("metrics").GetProperty("mae").GetDouble(), 12);
        Assert.Equal(0.5, report.GetProperty("metrics").GetProperty("coverage").GetDouble(), 12);
    }

    [Fact]
    public void Endpoint_HeadersAreSent()
    {
        var golden = _cli.Write("g.jsonl", "{\"id\": \"1\", \"input\": \"hello\", \"expected\": \"hi\"}\n");
        string? auth = null;
        using var server = new FakeHttpServer(r =>
        {
            auth = r.Authorization;
            return FakeResponse.Json("{\"prediction\": \"hi\"}");
        });
        var (exit, report, _) = EvalCli.Json(_cli, "-d", golden, "--endpoint", server.BaseUrl, "--endpoint-header", "Authorization: Bearer model-key", "--task", "classification");
        Assert.Equal(0, exit);
        Assert.Equal("Bearer model-key", auth);
        Assert.Equal("\"hello\"", server.Requests.Single().Body);
        Assert.DoesNotContain("model-key", JsonSerializer.Serialize(report));
    }

    [Fact]
    public void Endpoint_AndPredictionsTogether_ExitTwo()
    {
        var (exit, error) = _cli.Run("eval", "-d", EvalReference.Eval("cls_golden.jsonl"), "-p", EvalReference.Eval("cls_preds_a.jsonl"), "--endpoint", "http://127.0.0.1:9/");
        Assert.Equal(2, exit);
        Assert.Contains("exactly one of --predictions FILE and --endpoint URL", error);
    }
}
