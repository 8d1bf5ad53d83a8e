using System.Globalization;
using Vigil.Cli.Evaluation.Http;

namespace Vigil.Cli.Tests.Evaluation;

public sealed class RetryingHttpSenderTests
{
    private static readonly RetryOptions Options = new() { Timeout = TimeSpan.FromSeconds(5), Retries = 3, BaseDelay = TimeSpan.FromSeconds(0.5), Jitter = 0 };

    private static async Task<HttpCallResult> SendAsync(FakeHttpServer server, RetryOptions options, TimeProvider time)
    {
        using var client = new HttpClient();
        var sender = new RetryingHttpSender(client, options, time);
        return await sender.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, server.BaseUrl + "/x") { Content = new StringContent("{}") }, CancellationToken.None);
    }

    [Fact]
    public async Task Send_ServerErrorsThenSuccess_BacksOffExponentially()
    {
        var calls = 0;
        using var server = new FakeHttpServer(_ => Interlocked.Increment(ref calls) <= 3 ? new FakeResponse(500, "oops") : FakeResponse.Json("{\"ok\": 1}"));
        var time = new InstantTimeProvider();
        var result = await SendAsync(server, Options, time);
        Assert.True(result.Success);
        Assert.Equal("{\"ok\": 1}", result.Body);
        Assert.Equal(4, result.Attempts);
        Assert.Equal([TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], result.Waits);
        Assert.Equal(result.Waits, time.Delays);
    }

    [Fact]
    public void Backoff_WithJitter_StaysWithinItsShareAndVaries()
    {
        var options = Options with { Jitter = 0.2 };
        var waits = Enumerable.Range(0, 200).Select(_ => options.Backoff(3).TotalSeconds).ToArray();
        Assert.All(waits, w => Assert.InRange(w, 2.0, 2.4));
        Assert.True(waits.Distinct().Count() > 100, "jittered waits should differ");
        Assert.Equal(TimeSpan.FromSeconds(60), (Options with { Jitter = 0.2 }).Backoff(20));
    }

    [Fact]
    public async Task Send_429WithRetryAfterSeconds_WaitsThatLong()
    {
        var calls = 0;
        using var server = new FakeHttpServer(_ => Interlocked.Increment(ref calls) == 1
            ? new FakeResponse(429, "slow down") { Headers = new() { ["Retry-After"] = "7" } }
            : FakeResponse.Json("{}"));
        var result = await SendAsync(server, Options, new InstantTimeProvider());
        Assert.True(result.Success);
        Assert.Equal([TimeSpan.FromSeconds(7)], result.Waits);
    }

    [Fact]
    public async Task Send_503WithRetryAfterDate_WaitsUntilThen()
    {
        var calls = 0;
        using var server = new FakeHttpServer(_ => Interlocked.Increment(ref calls) == 1
            ? new FakeResponse(503, "busy") { Headers = new() { ["Retry-After"] = DateTimeOffset.UtcNow.AddSeconds(30).ToString("R", CultureInfo.InvariantCulture) } }
            : FakeResponse.Json("{}"));
        var result = await SendAsync(server, Options, new InstantTimeProvider());
        Assert.True(result.Success);
        // HTTP dates have whole seconds: the wait is between 28 and 30 s.
        Assert.InRange(result.Waits.Single(), TimeSpan.FromSeconds(28), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Send_RetryAfterBeyondCap_IsCapped()
    {
        var calls = 0;
        using var server = new FakeHttpServer(_ => Interlocked.Increment(ref calls) == 1
            ? new FakeResponse(429, "") { Headers = new() { ["Retry-After"] = "3600" } }
            : FakeResponse.Json("{}"));
        var result = await SendAsync(server, Options with { MaxDelay = TimeSpan.FromSeconds(60) }, new InstantTimeProvider());
        Assert.Equal([TimeSpan.FromSeconds(60)], result.Waits);
    }

    [Fact]
    public async Task Send_AlwaysTooManyRequests_FailsAfterRetries()
    {
        using var server = new FakeHttpServer(_ => new FakeResponse(429, "{\"error\": \"rate limited\"}"));
        var result = await SendAsync(server, Options with { Retries = 2 }, new InstantTimeProvider());
        Assert.False(result.Success);
        Assert.Equal(3, result.Attempts);
        Assert.Equal(429, result.StatusCode);
        Assert.Contains("HTTP 429", result.Error);
        Assert.Contains("rate limited", result.Error);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Send_BadRequest_FailsWithoutRetry()
    {
        using var server = new FakeHttpServer(_ => new FakeResponse(400, "bad input"));
        var result = await SendAsync(server, Options, new InstantTimeProvider());
        Assert.False(result.Success);
        Assert.Equal(1, result.Attempts);
        Assert.Empty(result.Waits);
    }

    [Fact]
    public async Task Send_SlowServer_TimesOutEachAttempt()
    {
        using var server = new FakeHttpServer(_ => new FakeResponse(200, "{}") { Delay = TimeSpan.FromSeconds(3) });
        var result = await SendAsync(server, Options with { Timeout = TimeSpan.FromMilliseconds(200), Retries = 1 }, new InstantTimeProvider());
        Assert.False(result.Success);
        Assert.Equal(2, result.Attempts);
        Assert.Contains("timed out after 0.2 s", result.Error);
    }

    [Fact]
    public async Task Send_NothingListening_RetriesConnectionErrors()
    {
        string url;
        using (var server = new FakeHttpServer(_ => FakeResponse.Json("{}")))
        {
            url = server.BaseUrl;
        }

        using var client = new HttpClient();
        var sender = new RetryingHttpSender(client, Options with { Retries = 1 }, new InstantTimeProvider());
        var result = await sender.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, url + "/x"), CancellationToken.None);
        Assert.False(result.Success);
        Assert.Equal(2, result.Attempts);
        Assert.Null(result.StatusCode);
    }
}
