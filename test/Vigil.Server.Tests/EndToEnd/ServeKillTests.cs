using System.Collections.Concurrent;
using System.Diagnostics;
using Vigil.Storage.Sqlite;
using Xunit.Abstractions;

namespace Vigil.Server.Tests.EndToEnd;

/// <summary>
/// <c>vigil serve</c> (SQLite) killed with SIGKILL during sustained concurrent ingest, then restarted on the same
/// data directory: no acknowledged event is lost, none is stored or counted twice, and the window profiles
/// answer exactly as a rebuild from the raw events does, before and after the server compacts them.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ServeKillTests(ITestOutputHelper output) : IDisposable
{
    private const int Clients = 4;
    private const int AcknowledgedBeforeKill = 10;
    private static readonly TimeSpan IngestBeforeKill = TimeSpan.FromSeconds(2.5);
    private static readonly TimeSpan IngestTimeout = TimeSpan.FromSeconds(30);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vigil-e2e", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Serve_KilledDuringSustainedIngest_KeepsEveryAcknowledgedEventOnce_AndAnswersLikeARebuild()
    {
        var clock = Stopwatch.StartNew();
        var data = new E2eDataset(events: 80_000, windows: 5 * 24, batchSize: 500);
        string[] store = ["--data", _directory];
        var key = await VigilBinary.CreateKeyAsync("e2e", "ingest,read,admin", store);

        // 1. Four clients post predictions and labels (some labels before their predictions, some batches twice)
        //    as fast as the server takes them; compaction and the join sweep run meanwhile. SIGKILL mid-stream.
        var work = WorkOrder(data);
        var acknowledged = new ConcurrentDictionary<EventBatch, PostResult>();
        var sent = new ConcurrentDictionary<EventBatch, bool>();
        await using (var first = await ServeProcess.StartAsync("serve (killed)", store, Settings(maintenanceSeconds: 0.5)))
        {
            using var api = new E2eApi(first, key);
            await api.SetUpModelAsync(data);
            var next = -1;
            var stop = 0;
            var clients = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < work.Count && Volatile.Read(ref stop) == 0; i = Interlocked.Increment(ref next))
                {
                    sent[work[i]] = true;
                    if (await api.TryPostAsync(work[i]) is { } result)
                    {
                        acknowledged.TryAdd(work[i], result);
                    }
                }
            })).ToList();
            // Kill after 2.5 s of ingest with at least ten prediction batches acknowledged (the machine may be
            // busy), or once three quarters of the work is out, so requests are always in flight.
            var ingest = Stopwatch.StartNew();
            try
            {
                while ((ingest.Elapsed < IngestBeforeKill || acknowledged.Keys.Count(b => !b.IsLabels) < AcknowledgedBeforeKill) && Volatile.Read(ref next) < work.Count * 3 / 4)
                {
                    first.AssertRunning();
                    Assert.True(ingest.Elapsed < IngestTimeout, $"fewer than {AcknowledgedBeforeKill} prediction batches acknowledged in {IngestTimeout.TotalSeconds} s");
                    await Task.Delay(20);
                }
            }
            finally
            {
                // The clients keep posting until the signal is sent, so requests are in flight when it lands.
                first.Kill();
                Volatile.Write(ref stop, 1);
                await first.KillAsync();
                await Task.WhenAll(clients);
            }

            Log(clock, $"killed after {ingest.Elapsed.TotalSeconds:F1} s of ingest: {acknowledged.Count} batches acknowledged, {acknowledged.Keys.Where(b => !b.IsLabels).Sum(b => b.Ids.Count)} predictions");
        }

        // The test completes and compares the blocks up to the last one sent (the rest of the pool is never used).
        var blocks = sent.Keys.Max(b => b.Index) + 1;
        var ackedPredictions = acknowledged.Keys.Where(b => !b.IsLabels).Select(b => b.Index).ToHashSet();
        var ackedLabels = acknowledged.Keys.Where(b => b.IsLabels).Select(b => b.Index).ToHashSet();
        var inFlight = sent.Keys.Count(b => !acknowledged.ContainsKey(b));
        // Requests are almost always in flight at the kill; on a saturated machine the clients can run out of work
        // first. The checks below hold either way (they then cover acknowledged batches only), so this is logged.
        Log(clock, $"{inFlight} batches were in flight (sent, not acknowledged) when the server was killed");
        Assert.All(acknowledged, a => Assert.Equal(a.Key.Ids.Count, a.Value.Accepted + a.Value.Duplicates));

        // 2. Restart without maintenance (the windows stay as the deltas the killed process committed).
        var stored = data.Predictions.Where(b => ackedPredictions.Contains(b.Index)).Sum(b => b.Ids.Count);
        SortedDictionary<string, string> answers;
        await using (var second = await ServeProcess.StartAsync("serve (restarted)", store, Settings(maintenanceSeconds: 3600)))
        {
            using var api = new E2eApi(second, key);
            Log(clock, "restarted");
            var windowed = await api.WindowedPredictionsAsync(data);
            var (raw, _, _) = await api.RawCountsAsync();

            // Every acknowledged batch, posted again, is all duplicates: nothing acknowledged was lost.
            var lost = new ConcurrentBag<string>();
            await Parallel.ForEachAsync(data.Predictions.Where(b => ackedPredictions.Contains(b.Index)).Concat(data.Labels.Where(b => ackedLabels.Contains(b.Index))),
                new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (batch, _) =>
                {
                    var again = await api.PostAsync(batch);
                    if (again.Accepted > 0)
                    {
                        lost.Add($"{batch}: {again.Accepted} acknowledged rows were not stored");
                    }
                });
            Assert.True(lost.IsEmpty, $"acknowledged events lost after SIGKILL:{Environment.NewLine}{string.Join(Environment.NewLine, lost.Take(20))}");

            // Unacknowledged batches, posted again: their duplicates are the rows the killed process committed anyway.
            var survivors = 0;
            await Parallel.ForEachAsync(data.Predictions.Take(blocks).Where(b => !ackedPredictions.Contains(b.Index)),
                new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (batch, _) =>
                {
                    var again = await api.PostAsync(batch);
                    Assert.Equal(batch.Ids.Count, again.Accepted + again.Duplicates);
                    Assert.True(again.Duplicates == 0 || sent.ContainsKey(batch), $"{batch} was never sent but {again.Duplicates} of its rows are stored");
                    Interlocked.Add(ref survivors, again.Duplicates);
                });
            stored += survivors;
            Log(clock, $"acknowledged batches all duplicates; {inFlight} unacknowledged requests, {survivors} of their predictions committed");

            // Each stored event is one raw row and counted once in the windows: none was committed twice.
            Assert.True(stored == raw, $"{raw} raw predictions stored after the restart; acknowledged and committed before the kill: {stored}");
            Assert.True(stored == windowed, $"the windows count {windowed} predictions, the store holds {stored}: events counted twice or not at all");

            await Parallel.ForEachAsync(data.Labels.Take(blocks).Where(b => !ackedLabels.Contains(b.Index)),
                new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (batch, _) => await api.PostAsync(batch));
            await api.WaitForJoinsAsync(TimeSpan.FromSeconds(10));
            var (rawPredictions, rawLabels, _) = await api.RawCountsAsync();
            E2eApi.AssertCount(data.EventsOf(blocks), rawPredictions, "raw predictions");
            E2eApi.AssertCount(data.LabelsOf(blocks), rawLabels, "raw labels");
            E2eApi.AssertCount(data.EventsOf(blocks), await api.WindowedPredictionsAsync(data), "predictions counted in the windows");
            E2eApi.AssertCount(data.LabelsOf(blocks), await api.WindowedLabelsAsync(data), "labelled predictions in the windows");
            Log(clock, $"{data.EventsOf(blocks)} events of {blocks} blocks stored once, {data.LabelsOf(blocks)} labels joined");
            answers = await api.SnapshotAsync(data);
            await using var sqlite = new SqliteStore(_directory);
            // Usually some window keys still hold several deltas here; on a quick machine the killed process may have
            // compacted them all before the kill. The comparison below holds either way, so this is logged.
            Log(clock, $"{await WindowRows.UncompactedKeysAsync(sqlite, data)} window keys still held deltas before compaction");
            await second.KillAsync();
        }

        // 3. Restart with compaction every second: the compacted windows answer alike; so does a rebuild from raw events.
        await using (var third = await ServeProcess.StartAsync("serve (compacting)", store, Settings(maintenanceSeconds: 0.2)))
        {
            using var api = new E2eApi(third, key);
            await using (var sqlite = new SqliteStore(_directory))
            {
                await WindowRows.WaitForCompactionAsync(sqlite, data, third, TimeSpan.FromSeconds(30));
            }

            Log(clock, "compacted");

            JsonDiff.AssertSame(answers, await api.SnapshotAsync(data), "window deltas vs the same windows compacted");
            E2eApi.AssertCount(data.EventsOf(blocks), await api.RebuildAsync(data), "predictions read by the rebuild");
            JsonDiff.AssertSame(answers, await api.SnapshotAsync(data), "windows built at ingest vs rebuilt from raw events");
            Log(clock, "rebuilt; answers identical");
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private void Log(Stopwatch clock, string message) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {message}");

    /// <summary>Server settings: the join sweep and compaction every <paramref name="maintenanceSeconds"/> (compaction at least every second).</summary>
    private static Dictionary<string, string> Settings(double maintenanceSeconds) => new()
    {
        ["VIGIL__JOINSWEEPINTERVAL"] = TimeSpan.FromSeconds(maintenanceSeconds).ToString("c"),
        ["VIGIL__COMPACTIONINTERVAL"] = TimeSpan.FromSeconds(Math.Max(1, maintenanceSeconds)).ToString("c"),
    };

    /// <summary>Predictions then their labels, except every tenth block whose labels go first; every 25th prediction batch twice.</summary>
    private static List<EventBatch> WorkOrder(E2eDataset data)
    {
        var work = new List<EventBatch>();
        for (var i = 0; i < data.Predictions.Count; i++)
        {
            if (i % 10 == 3)
            {
                work.Add(data.Labels[i]);
                work.Add(data.Predictions[i]);
            }
            else
            {
                work.Add(data.Predictions[i]);
                work.Add(data.Labels[i]);
            }

            if (i % 25 == 7)
            {
                work.Add(data.Predictions[i]);
            }
        }

        return work;
    }
}
