using System.Net;
using System.Net.Http.Headers;

namespace Vigil.Cli.Evaluation.Http;

/// <summary>
/// Sends a request with a per-attempt timeout and retries with exponential backoff. Retried: timeouts, connection
/// errors and statuses 408, 429, 500, 502, 503, 504. On 429 and 503 a Retry-After header (seconds or date)
/// replaces the backoff; every wait is capped at <see cref="RetryOptions.MaxDelay"/>. Other statuses fail at once.
/// </summary>
internal sealed class RetryingHttpSender(HttpClient client, RetryOptions options, TimeProvider time)
{
    private readonly HttpClient _client = client;
    private readonly RetryOptions _options = options;
    private readonly TimeProvider _time = time;

    /// <summary>Sends the request <paramref name="create"/> makes (a new one per attempt) until it succeeds or retries run out.</summary>
    public async Task<HttpCallResult> SendAsync(Func<HttpRequestMessage> create, CancellationToken cancellation)
    {
        var waits = new List<TimeSpan>();
        for (var attempt = 1; ; attempt++)
        {
            var started = _time.GetTimestamp();
            int? status = null;
            string error;
            TimeSpan? retryAfter = null;
            var retryable = true;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
            {
                timeout.CancelAfter(_options.Timeout);
                try
                {
                    using var request = create();
                    using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                    status = (int)response.StatusCode;
                    var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                    var latency = _time.GetElapsedTime(started).TotalMilliseconds;
                    if (response.IsSuccessStatusCode)
                    {
                        return new HttpCallResult(body, status, null, latency, attempt, waits);
                    }

                    error = $"HTTP {status} {response.ReasonPhrase}{Excerpt(body)}";
                    retryable = IsRetryable(response.StatusCode);
                    if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
                    {
                        retryAfter = RetryAfter(response.Headers.RetryAfter);
                    }

                    if (!retryable || attempt > _options.Retries)
                    {
                        return new HttpCallResult(null, status, error, latency, attempt, waits);
                    }
                }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                {
                    error = $"timed out after {_options.Timeout.TotalSeconds:0.###} s";
                }
                catch (HttpRequestException ex)
                {
                    error = ex.Message;
                }
            }

            if (attempt > _options.Retries)
            {
                return new HttpCallResult(null, status, error, _time.GetElapsedTime(started).TotalMilliseconds, attempt, waits);
            }

            var wait = retryAfter is { } ra ? (ra > _options.MaxDelay ? _options.MaxDelay : ra) : _options.Backoff(attempt);
            waits.Add(wait);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellation).ConfigureAwait(false);
            }
        }
    }

    private static bool IsRetryable(HttpStatusCode status) => status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static string Excerpt(string body)
    {
        body = body.ReplaceLineEndings(" ").Trim();
        return body.Length == 0 ? string.Empty : ": " + (body.Length > 200 ? body[..197] + "..." : body);
    }
}
