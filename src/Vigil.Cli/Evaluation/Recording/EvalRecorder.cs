using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Vigil.Cli.Data;
using Vigil.Cli.Registry;

namespace Vigil.Cli.Evaluation.Recording;

/// <summary>Records a finished evaluation in the server (<c>POST /api/v1/models/{model}/eval-runs</c>) and fetches recorded runs as baselines.</summary>
internal static class EvalRecorder
{
    /// <summary>Registers the golden set when asked, then records the run; returns the run id.</summary>
    public static async Task<string> RecordAsync(RecordOptions options, string datasetPath, byte[] resultJson, TextWriter log, CancellationToken ct)
    {
        using var client = new RegistryHttp(options.Server, options.ApiKey, TimeSpan.FromMinutes(10), "api/v1/");
        if (options.RegisterGoldenSet)
        {
            await using var file = File.OpenRead(datasetPath);
            using var content = new StreamContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            var set = (await client.SendAsync(HttpMethod.Put, $"golden-sets/{Uri.EscapeDataString(options.GoldenSet!)}", content, ct).ConfigureAwait(false)).EnsureSuccess().Json();
            log.WriteLine($"golden set '{options.GoldenSet}' version {set.GetProperty("sha256").GetString()} ({set.GetProperty("items").GetInt64()} items) is registered");
        }

        using var result = JsonDocument.Parse(resultJson);
        var hash = result.RootElement.GetProperty("dataset_hash").GetString()!;
        var body = new Dictionary<string, object?>
        {
            ["version"] = options.Version,
            ["golden_set"] = options.GoldenSet,
            ["dataset_sha256"] = hash.StartsWith("sha256:", StringComparison.Ordinal) ? hash["sha256:".Length..] : hash,
            ["config"] = options.Config,
            ["result"] = result.RootElement,
        };
        using var json = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        var run = (await client.SendAsync(HttpMethod.Post, $"models/{Uri.EscapeDataString(options.Model)}/eval-runs", json, ct).ConfigureAwait(false)).EnsureSuccess().Json();
        var id = run.GetProperty("id").GetString()!;
        log.WriteLine($"recorded evaluation run {id} of {options.Model} {options.Version} at {options.Server}");
        return id;
    }

    /// <summary>Downloads a recorded run's result into a temporary file usable as <c>--baseline</c>; the caller deletes it.</summary>
    public static async Task<string> FetchBaselineAsync(Uri server, string apiKey, string runId, CancellationToken ct)
    {
        using var client = new RegistryHttp(server, apiKey, TimeSpan.FromMinutes(10), "api/v1/");
        var run = (await client.GetAsync($"eval-runs/{Uri.EscapeDataString(runId)}", ct).ConfigureAwait(false)).EnsureSuccess().Json();
        if (run.ValueKind != JsonValueKind.Object || !run.TryGetProperty("result", out var result))
        {
            throw new InputException($"--baseline-run: the server's answer for run '{runId}' has no result.");
        }

        var path = Path.Combine(Path.GetTempPath(), $"vigil-baseline-{runId}-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, result.GetRawText(), ct).ConfigureAwait(false);
        return path;
    }
}
