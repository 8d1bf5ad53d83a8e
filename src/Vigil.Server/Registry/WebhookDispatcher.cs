using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vigil.Server.Hosting;
using Vigil.Storage.Registry;

namespace Vigil.Server.Registry;

/// <summary>
/// Sends queued webhook deliveries: claims the due ones (a lease, so several servers never send one twice at once),
/// posts each signed body, logs every attempt, and retries failures with exponential backoff and jitter until the
/// attempt limit. Transitions only queue deliveries in their own transaction, so a failing receiver never blocks one.
/// </summary>
internal sealed partial class WebhookDispatcher : BackgroundService
{
    private const int BatchSize = 16;
    private readonly IRegistryStore _store;
    private readonly IHttpClientFactory _clients;
    private readonly ServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookDispatcher> _logger;

    public WebhookDispatcher(IRegistryStore store, IHttpClientFactory clients, IOptions<ServerOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger)
    {
        _store = store;
        _clients = clients;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Sends every delivery due now; returns how many were attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var lease = now + _options.WebhookTimeout + _options.WebhookTimeout;
        var due = await _store.ClaimDeliveriesAsync(now, lease, BatchSize, ct).ConfigureAwait(false);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (d, token) =>
            await _store.RecordAttemptAsync(await SendAsync(d, token).ConfigureAwait(false), token).ConfigureAwait(false)).ConfigureAwait(false);
        return due.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunOnceAsync(stoppingToken).ConfigureAwait(false) == BatchSize)
                {
                    // more are due: keep going
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(_logger, ex);
            }

            try
            {
                await Task.Delay(_options.WebhookPollInterval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<WebhookAttempt> SendAsync(WebhookDelivery d, CancellationToken ct)
    {
        var at = _time.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        var body = Encoding.UTF8.GetBytes(d.PayloadJson);
        int? status = null;
        string? error;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, d.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Add("X-Vigil-Event", d.EventType);
            request.Headers.Add("X-Vigil-Delivery", d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("X-Vigil-Signature", WebhookSignature.Sign(d.Secret, at, body));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_options.WebhookTimeout);
            using var response = await _clients.CreateClient("webhooks").SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            error = response.IsSuccessStatusCode ? null : $"the receiver answered {status} {response.ReasonPhrase}";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            error = $"no answer within {_options.WebhookTimeout.TotalSeconds:0.#} s";
        }
        catch (HttpRequestException ex)
        {
            error = ex.Message;
        }

        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var attempts = d.Attempts + 1;
        if (error is null)
        {
            return new WebhookAttempt(d.Id, at, status, null, ms, "delivered", at);
        }

        var giveUp = attempts >= _options.WebhookMaxAttempts;
        LogAttemptFailed(_logger, d.Id, d.EventType, attempts, error);
        return new WebhookAttempt(d.Id, at, status, error, ms, giveUp ? "failed" : "pending", at + Backoff(attempts));
    }

    /// <summary>Delay before retry number <paramref name="attempts"/>: the base doubled per attempt, capped, with up to 20% jitter.</summary>
    private TimeSpan Backoff(int attempts)
    {
        var delay = _options.WebhookRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 30));
        delay = Math.Min(delay, _options.WebhookMaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(delay * (1 + (0.2 * Random.Shared.NextDouble())));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook dispatch failed")]
    private static partial void LogFailed(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {Id} ({Event}) attempt {Attempt} failed: {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, long id, string @event, int attempt, string error);
}
