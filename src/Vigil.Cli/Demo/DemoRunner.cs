using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Vigil.Cli.Demo;

/// <summary>Drives the demo through the public API, as a real client would.</summary>
internal sealed class DemoRunner(HttpClient http, DemoTraffic traffic, TextWriter log)
{
    private const string Model = "loan-default";
    private readonly List<(string Id, string Label, DateTimeOffset Time)> _pendingLabels = [];
    private DateTimeOffset _driftFrom;
    private DateTimeOffset _slowFrom;

    public async Task SetUpAsync(CancellationToken ct)
    {
        await SendAsync(HttpMethod.Put, $"api/v1/models/{Model}", Encoding.UTF8.GetBytes(DemoTraffic.SchemaJson), "application/json", ct);
        foreach (var version in new[] { "v1", "v2" })
        {
            await SendAsync(HttpMethod.Post, $"api/v1/models/{Model}/versions/{version}/reference", traffic.ReferenceRows(5000), "application/json", ct);
        }

        log.WriteLine($"created model '{Model}' (binary, 7 features) and reference baselines for v1 and v2");
        await RegisterAsync(ct);
    }

    /// <summary>
    /// The registry side of the demo: v1 released (Staging, then Production: its reference becomes the release
    /// baseline), v2 in Staging as the challenger. Skipped when a reused data directory already has it.
    /// </summary>
    private async Task RegisterAsync(CancellationToken ct)
    {
        var registry = $"api/v1/registry/models/{Model}";
        if ((await http.GetAsync(registry, ct)).IsSuccessStatusCode)
        {
            return;
        }

        await SendAsync(HttpMethod.Put, registry, Json(new { description = "Loan default classifier (demo)", tags = new { team = "credit-risk" } }), "application/json", ct);
        await SendAsync(HttpMethod.Post, $"{registry}/versions", Json(new { version = "v1", metadata = new { framework = "ml.net", auc = 0.86 }, training_data = "sha256:demo-2026-10" }), "application/json", ct);
        await SendAsync(HttpMethod.Post, $"{registry}/versions", Json(new { version = "v2", parent_version = "v1", metadata = new { framework = "onnx", auc = 0.88 }, training_data = "sha256:demo-2026-11" }), "application/json", ct);
        foreach (var (version, stage) in new[] { ("v1", "staging"), ("v1", "production"), ("v2", "staging") })
        {
            await SendAsync(HttpMethod.Post, $"{registry}/versions/{version}/stage", Json(new { stage, reason = "demo release" }), "application/json", ct);
        }

        await SendAsync(HttpMethod.Put, $"{registry}/aliases/champion", Json(new { version = "v1" }), "application/json", ct);
        await SendAsync(HttpMethod.Put, $"{registry}/aliases/challenger", Json(new { version = "v2" }), "application/json", ct);
        log.WriteLine($"registered '{Model}' in the registry: v1 in production (champion), v2 in staging (challenger)");
    }

    private static byte[] Json(object value) => JsonSerializer.SerializeToUtf8Bytes(value);

    public async Task BackfillAsync(int hours, int perHour, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-hours);
        _driftFrom = now.AddHours(-Math.Max(1, hours / 4));
        _slowFrom = now.AddHours(-Math.Max(1, hours / 6));
        int sent = 0, malformed = 0;
        var perMinuteBatch = Math.Max(1, perHour / 60);
        for (var t = start; t < now.AddMinutes(-1); t = t.AddMinutes(1))
        {
            var (body, labels, bad) = traffic.Predictions(perMinuteBatch, t, t >= _driftFrom, t >= _slowFrom);
            await SendAsync(HttpMethod.Post, $"api/v1/models/{Model}/predictions", body, "application/x-ndjson", ct, allowRejects: true);
            _pendingLabels.AddRange(labels);
            sent += perMinuteBatch;
            malformed += bad;
            if (t.Minute == 0)
            {
                await PipelineRunAsync(t, now, ct);
            }
        }

        await FlushLabelsAsync(now.AddHours(-6), ct);
        log.WriteLine($"backfilled {hours} h of history: {sent:N0} predictions ({malformed} malformed on purpose), labels up to 6 h ago;");
        log.WriteLine($"  income drifts from {_driftFrom:yyyy-MM-dd HH:mm}Z, the canary (v2) slows down from {_slowFrom:yyyy-MM-dd HH:mm}Z, pipeline 'loan-features' ran late once");
    }

    public async Task LiveAsync(int perHour, CancellationToken ct)
    {
        var perTick = Math.Max(5, perHour / 360);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var now = DateTimeOffset.UtcNow;
                var (body, labels, _) = traffic.Predictions(perTick, now.AddSeconds(-30), drift: true, slowCanary: true);
                await SendAsync(HttpMethod.Post, $"api/v1/models/{Model}/predictions", body, "application/x-ndjson", ct, allowRejects: true);
                _pendingLabels.AddRange(labels);
                await FlushLabelsAsync(now.AddHours(-6), ct);
                await Task.Delay(TimeSpan.FromSeconds(10), ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task PipelineRunAsync(DateTimeOffset scheduled, DateTimeOffset now, CancellationToken ct)
    {
        var late = scheduled.Hour % 17 == 5;
        var completed = scheduled.AddMinutes(late ? 55 : 4 + (scheduled.Hour % 7));
        var rows = 120_000 + (scheduled.Hour * 731);
        var run = new Dictionary<string, object?>
        {
            ["scheduled_at"] = scheduled.ToString("O", CultureInfo.InvariantCulture),
            ["completed_at"] = completed < now ? completed.ToString("O", CultureInfo.InvariantCulture) : null,
            ["rows"] = rows,
            ["schema_violations"] = late ? rows / 40 : rows / 2000,
        };
        await SendAsync(HttpMethod.Post, "api/v1/pipelines/loan-features/runs", JsonSerializer.SerializeToUtf8Bytes(new[] { run }), "application/json", ct);
    }

    private async Task FlushLabelsAsync(DateTimeOffset olderThan, CancellationToken ct)
    {
        var due = _pendingLabels.Where(l => l.Time <= olderThan).ToList();
        if (due.Count == 0)
        {
            return;
        }

        _pendingLabels.RemoveAll(l => l.Time <= olderThan);
        foreach (var chunk in due.Chunk(5000))
        {
            var body = new StringBuilder();
            foreach (var (id, label, time) in chunk)
            {
                body.Append(JsonSerializer.Serialize(new { id, label, timestamp = time.AddHours(6).ToString("O", CultureInfo.InvariantCulture) })).Append('\n');
            }

            await SendAsync(HttpMethod.Post, $"api/v1/models/{Model}/labels", Encoding.UTF8.GetBytes(body.ToString()), "application/x-ndjson", ct);
        }
    }

    private async Task SendAsync(HttpMethod method, string path, byte[] body, string contentType, CancellationToken ct, bool allowRejects = false)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode && !(allowRejects && (int)response.StatusCode == 422))
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
    }
}
