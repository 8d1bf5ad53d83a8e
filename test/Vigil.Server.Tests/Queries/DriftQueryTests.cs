using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vigil.Server.Ingest;
using Vigil.Server.Queries;
using Vigil.Statistics.Drift;
using Vigil.Storage;

namespace Vigil.Server.Tests.Queries;

/// <summary>
/// Drift points cached by their rows' stamps: a changed window is recomputed, two servers in one process keep
/// their own points, and rows compacted between the stamps and the profile read are read again.
/// </summary>
public sealed class DriftQueryTests
{
    private const string Schema = """
        {"prediction_type": "binary", "classes": ["no", "yes"],
         "features": [{"name": "income", "type": "numerical"}, {"name": "region", "type": "categorical"}]}
        """;

    private const string Range = "from=2026-11-20T10:00:00Z&to=2026-11-20T13:00:00Z";

    private static readonly DateTimeOffset Hour = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_LateEventInAPastWindow_RecomputesThatPointOnly()
    {
        await using var server = await StartAsync();
        await IngestAsync(server, "a", [(0, 20), (60, 20), (120, 20)]);
        var before = await DriftAsync(server);

        await IngestAsync(server, "late", [(30, 1)]);
        var after = await DriftAsync(server);

        Assert.Equal([20L, 20, 20], Counts(before));
        Assert.Equal([21L, 20, 20], Counts(after));
        Assert.Equal(before[1].GetRawText(), after[1].GetRawText());
        Assert.Equal(before[2].GetRawText(), after[2].GetRawText());
    }

    [Fact]
    public async Task RunAsync_TwoServersInOneProcessWithTheSameRowNumbers_EachAnswersFromItsOwnRows()
    {
        // The same requests in the same order give both databases the same sequence numbers, and the reference
        // bytes are copied: every part of the points' keys is the same, only the rows differ.
        await using var a = await StartAsync();
        await using var b = await StartAsync();
        await IngestAsync(a, "e", [(0, 30)]);
        await IngestAsync(b, "e", [(0, 10)]);
        var reference = await a.Services.GetRequiredService<IVigilStore>().GetReferenceAsync("loans", "v1", default);
        await b.Services.GetRequiredService<IVigilStore>().PutReferenceAsync("loans", "v1", reference!, default);
        var fromA = Counts(await DriftAsync(a));
        var fromB = Counts(await DriftAsync(b));

        Assert.Equal([30L], fromA);
        Assert.Equal([10L], fromB);
    }

    [Fact]
    public async Task RunAsync_RowsCompactedBetweenStampsAndProfiles_ReadsTheBucketAgainAndAnswersAsAfterTheCompaction()
    {
        await using var server = await StartAsync();
        await IngestAsync(server, "a", [(0, 20), (60, 20)]);
        await IngestAsync(server, "b", [(10, 5), (70, 5)]);
        var store = server.Services.GetRequiredService<IVigilStore>();
        var schema = (await store.GetModelAsync("loans", default))!;
        var range = QueryRange.Parse(schema, "2026-11-20T10:00:00Z", "2026-11-20T13:00:00Z", null, "v1", null, null, DateTimeOffset.UtcNow, out _)!;
        var options = new DriftOptions { NumericalMethod = "ks" };
        var json = server.Services.GetRequiredService<IOptions<JsonOptions>>();
        using var cache = new DriftPointCache(json);
        var racing = CompactingStore.Wrap(store);

        var (raced, problem) = await new DriftQuery(racing, cache, "loans", range, options).RunAsync(schema, null, required: true, default);
        using var fresh = new DriftPointCache(json);
        var (settled, _) = await new DriftQuery(store, fresh, "loans", range, options).RunAsync(schema, null, required: true, default);

        Assert.Null(problem);
        Assert.Equal(6, ((CompactingStore)(object)racing).Compacted); // 2 hours x (all traffic, region:north, region:south)
        Assert.Equal(2, ((CompactingStore)(object)racing).BucketReads);
        Assert.Equal([25L, 25], raced!.Single().Points.Select(p => JsonDocument.Parse(p).RootElement.GetProperty("count").GetInt64()));
        Assert.Equal(settled!.Single().Points, raced!.Single().Points);
    }

    private static Task<TestServer> StartAsync() =>
        TestServer.StartAsync(o => o.JoinSweepInterval = TimeSpan.FromHours(1)); // no maintenance pass: compaction only when a test says

    /// <summary>Creates the model (first call) and a reference, then posts <c>count</c> events at each minute offset.</summary>
    private static async Task IngestAsync(TestServer server, string prefix, (int Minute, int Count)[] batches)
    {
        var admin = server.Client("admin");
        if ((await admin.GetAsync("api/v1/models/loans")).StatusCode == HttpStatusCode.NotFound)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("api/v1/models/loans", TestServer.Json(Schema))).StatusCode);
            var reference = string.Join('\n', Enumerable.Range(0, 300).Select(i => $$"""{"income": {{40000 + (i * 100)}}, "region": "{{(i % 2 == 0 ? "north" : "south")}}"}"""));
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("api/v1/models/loans/versions/v1/reference", TestServer.Json(reference, "application/x-ndjson"))).StatusCode);
        }

        var events = batches.SelectMany(b => Enumerable.Range(0, b.Count).Select(i => Event($"{prefix}-{b.Minute}-{i}", b.Minute, 60000 + (i * 1000) + b.Minute, i % 3 == 0 ? "north" : "south")));
        var posted = await server.Client("ingest").PostAsync("api/v1/models/loans/predictions", TestServer.Json($"[{string.Join(',', events)}]"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
    }

    private static string Event(string id, int minute, double income, string region) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = id,
            ["timestamp"] = Hour.AddMinutes(minute).ToString("O"),
            ["version"] = "v1",
            ["features"] = new Dictionary<string, object> { ["income"] = income, ["region"] = region },
            ["prediction"] = "no",
            ["score"] = 0.25,
            ["segments"] = new Dictionary<string, string> { ["region"] = region },
        });

    private static async Task<JsonElement[]> DriftAsync(TestServer server)
    {
        var body = await server.Client("read").GetStringAsync($"api/v1/models/loans/drift?version=v1&num_method=ks&{Range}");
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("series")[0].GetProperty("points").EnumerateArray()];
    }

    private static long[] Counts(JsonElement[] points) => [.. points.Select(p => p.GetProperty("count").GetInt64())];

    /// <summary>A store that compacts the model's windows just before the first profile read, and counts whole-bucket reads.</summary>
    public class CompactingStore : DispatchProxy
    {
        private IVigilStore _inner = null!;

        public int Compacted { get; private set; } = -1;

        public int BucketReads { get; private set; }

        public static IVigilStore Wrap(IVigilStore inner)
        {
            var proxy = Create<IVigilStore, CompactingStore>();
            ((CompactingStore)(object)proxy)._inner = inner;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (targetMethod.Name == nameof(IVigilStore.GetWindowProfilesAsync) && Compacted < 0)
            {
                return CompactThenReadAsync((string)args![0]!, (IReadOnlyCollection<long>)args[1]!, (CancellationToken)args[2]!);
            }

            if (targetMethod.Name == nameof(IVigilStore.GetWindowsAsync))
            {
                BucketReads++;
            }

            return targetMethod.Invoke(_inner, args);
        }

        private async Task<IReadOnlyDictionary<long, byte[]>> CompactThenReadAsync(string model, IReadOnlyCollection<long> seqs, CancellationToken ct)
        {
            Compacted = await _inner.CompactAsync(model, MaintenanceService.MergeWindows, ct);
            return await _inner.GetWindowProfilesAsync(model, seqs, ct);
        }
    }
}
