using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Vigil.Server.Tests.EndToEnd;

/// <summary>The HTTP calls the end-to-end tests make against one <c>vigil serve</c> process.</summary>
internal sealed class E2eApi(ServeProcess server, string key) : IDisposable
{
    private readonly HttpClient _client = server.Client(key);

    /// <summary>The query routes compared between stores and before/after rebuild and compaction (window-sized steps
    /// for drift, whose profiles are exact only per window; whole-range steps for the others).</summary>
    public static readonly string[] Queries =
    [
        "drift?step=1h",
        "drift?step=1h&segment=region:south",
        "drift?step=1h&version=v1&variant=b&method=psi",
        "performance?step=1h",
        "performance?step=all",
        "performance?step=1d&segment=region:north",
        "latency?step=1h",
        "latency?step=all&segment=region:south",
        "traffic?step=1h",
        "traffic?step=all",
    ];

    /// <summary>Creates the model and uploads v1's reference.</summary>
    public async Task SetUpModelAsync(E2eDataset data)
    {
        using var put = await _client.PutAsync($"api/v1/models/{E2eDataset.Model}", new StringContent(E2eDataset.SchemaJson, Encoding.UTF8, "application/json"));
        await ExpectOkAsync(put, "PUT model");
        using var reference = await _client.PostAsync($"api/v1/models/{E2eDataset.Model}/versions/v1/reference", new StringContent(data.ReferenceRows, Encoding.UTF8, "application/x-ndjson"));
        await ExpectOkAsync(reference, "POST reference");
    }

    /// <summary>Posts a batch; the counts on a 2xx, or null when the request failed in any way (not acknowledged).</summary>
    public async Task<PostResult?> TryPostAsync(EventBatch batch)
    {
        try
        {
            var content = new ByteArrayContent(batch.Body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _client.PostAsync($"api/v1/models/{E2eDataset.Model}/{batch.Route}", content);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var r = json.RootElement;
            return new PostResult(r.GetProperty("accepted").GetInt32(), r.GetProperty("duplicates").GetInt32(), r.GetProperty("rejected").GetInt32());
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Posts a batch that must be acknowledged.</summary>
    public async Task<PostResult> PostAsync(EventBatch batch)
    {
        var counts = await TryPostAsync(batch);
        if (counts is null)
        {
            server.AssertRunning();
            throw new InvalidOperationException($"{server.Name}: {batch} was not acknowledged.");
        }

        Assert.True(counts.Rejected == 0, $"{server.Name}: {batch} had {counts.Rejected} rejected rows");
        return counts;
    }

    /// <summary>GET /api/v1/models/e2e: raw predictions, labels, labels waiting for their prediction.</summary>
    public async Task<(long Predictions, long Labels, long Waiting)> RawCountsAsync()
    {
        using var json = JsonDocument.Parse(await GetAsync($"api/v1/models/{E2eDataset.Model}"));
        var r = json.RootElement;
        return (r.GetProperty("raw_predictions").GetInt64(), r.GetProperty("labels").GetInt64(), r.GetProperty("labels_waiting").GetInt64());
    }

    /// <summary>Predictions counted in the windows of the whole range (traffic, step all).</summary>
    public async Task<long> WindowedPredictionsAsync(E2eDataset data)
    {
        using var json = JsonDocument.Parse(await GetAsync($"api/v1/models/{E2eDataset.Model}/traffic?step=all&{data.Range}"));
        return json.RootElement.GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("predictions").GetInt64());
    }

    /// <summary>Labelled predictions in the windows of the whole range (performance, step all, every series).</summary>
    public async Task<long> WindowedLabelsAsync(E2eDataset data)
    {
        using var json = JsonDocument.Parse(await GetAsync($"api/v1/models/{E2eDataset.Model}/performance?step=all&{data.Range}"));
        return json.RootElement.GetProperty("series").EnumerateArray()
            .SelectMany(s => s.GetProperty("points").EnumerateArray()).Sum(p => p.GetProperty("labelled").GetInt64());
    }

    /// <summary>Polls until no label waits for its prediction (joins made at ingest or by the sweep).</summary>
    public async Task WaitForJoinsAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (_, _, waiting) = await RawCountsAsync();
            if (waiting == 0)
            {
                return;
            }

            Assert.True(clock.Elapsed < timeout, $"{server.Name}: {waiting} labels still wait for their predictions after {timeout.TotalSeconds} s");
            await Task.Delay(100);
        }
    }

    /// <summary>The answers of every route in <see cref="Queries"/> over the dataset's range.</summary>
    public async Task<SortedDictionary<string, string>> SnapshotAsync(E2eDataset data)
    {
        var answers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var q in Queries)
        {
            answers[q] = await GetAsync($"api/v1/models/{E2eDataset.Model}/{q}&{data.Range}");
        }

        return answers;
    }

    /// <summary>POST .../rebuild over the dataset's range; returns the predictions read.</summary>
    public async Task<long> RebuildAsync(E2eDataset data)
    {
        using var response = await _client.PostAsync($"api/v1/models/{E2eDataset.Model}/rebuild?{data.Range}", null);
        await ExpectOkAsync(response, "POST rebuild");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("predictions").GetInt64();
    }

    /// <summary>Fails naming what was counted when <paramref name="actual"/> is not <paramref name="expected"/>.</summary>
    public static void AssertCount(long expected, long actual, string what) =>
        Assert.True(expected == actual, $"{what}: {actual}, expected {expected} ({actual - expected:+#;-#;0})");

    public void Dispose() => _client.Dispose();

    private async Task<string> GetAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        await ExpectOkAsync(response, $"GET {path}");
        return await response.Content.ReadAsStringAsync();
    }

    private async Task ExpectOkAsync(HttpResponseMessage response, string what)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            server.AssertRunning();
            Assert.Fail($"{server.Name}: {what} gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
