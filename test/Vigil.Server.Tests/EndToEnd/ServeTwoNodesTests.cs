using System.Diagnostics;
using Vigil.Storage.Tests;
using Xunit.Abstractions;

namespace Vigil.Server.Tests.EndToEnd;

/// <summary>
/// Two <c>vigil serve</c> processes on one PostgreSQL database ingest one dataset at once — predictions split
/// between them, each label sent to the process that did not get its prediction, some prediction batches sent
/// to both — while both run the join sweep and compaction. They then answer exactly as each other and as one
/// process that ingested the same dataset alone into a fresh database.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ServeTwoNodesTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private const int ClientsPerNode = 2;

    [PostgresFact]
    public async Task Serve_TwoProcessesOnOneDatabase_AnswerLikeOneProcess()
    {
        var clock = Stopwatch.StartNew();
        var data = new E2eDataset(events: 12_000, windows: 24, batchSize: 400);
        var settings = new Dictionary<string, string>
        {
            ["VIGIL__JOINSWEEPINTERVAL"] = "00:00:00.2",
            ["VIGIL__COMPACTIONINTERVAL"] = "00:00:01",
        };

        string[] shared = ["--store", "postgres", "--connection", await postgres.CreateDatabaseAsync()];
        string[] alone = ["--store", "postgres", "--connection", await postgres.CreateDatabaseAsync()];
        var keys = await Task.WhenAll(VigilBinary.CreateKeyAsync("e2e", "ingest,read,admin", shared), VigilBinary.CreateKeyAsync("e2e", "ingest,read,admin", alone));
        var servers = await ServeProcess.StartAllAsync(settings, ("node A", shared), ("node B", shared), ("single node", alone));
        await using var nodeA = servers[0];
        await using var nodeB = servers[1];
        await using var single = servers[2];
        using var a = new E2eApi(nodeA, keys[0]);
        using var b = new E2eApi(nodeB, keys[0]);
        using var s = new E2eApi(single, keys[1]);
        await a.SetUpModelAsync(data);
        await s.SetUpModelAsync(data);
        Log(clock, "three nodes up");

        // Block i: predictions to one node, labels to the other; every fifth block's predictions to both.
        var work = new List<(E2eApi Api, EventBatch Batch)>();
        for (var i = 0; i < data.Predictions.Count; i++)
        {
            var (mine, other) = i % 2 == 0 ? (a, b) : (b, a);
            work.Add((mine, data.Predictions[i]));
            work.Add((other, data.Labels[i]));
            if (i % 5 == 0)
            {
                work.Add((other, data.Predictions[i]));
            }
        }

        long accepted = 0, duplicates = 0, labelsAccepted = 0;
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 2 * ClientsPerNode }, async (w, _) =>
        {
            var result = await w.Api.PostAsync(w.Batch);
            Interlocked.Add(ref w.Batch.IsLabels ? ref labelsAccepted : ref accepted, result.Accepted);
            Interlocked.Add(ref duplicates, w.Batch.IsLabels ? 0 : result.Duplicates);
        });
        E2eApi.AssertCount(data.Events, accepted, "predictions accepted by the two nodes");
        E2eApi.AssertCount(data.Predictions.Where(p => p.Index % 5 == 0).Sum(p => p.Ids.Count), duplicates, "predictions reported as duplicates (sent to both nodes)");
        E2eApi.AssertCount(data.LabelCount, labelsAccepted, "labels accepted by the two nodes");

        Log(clock, "ingested through both nodes");
        await a.WaitForJoinsAsync(TimeSpan.FromSeconds(20));
        Log(clock, "joined");
        E2eApi.AssertCount(data.Events, await a.WindowedPredictionsAsync(data), "predictions counted in the windows");
        E2eApi.AssertCount(data.LabelCount, await a.WindowedLabelsAsync(data), "labelled predictions in the windows (each label joined once)");
        var answersA = await a.SnapshotAsync(data);
        JsonDiff.AssertSame(answersA, await b.SnapshotAsync(data), "node A vs node B on one database");

        Log(clock, "nodes answer alike");

        // One process alone, in a fresh database, the same dataset.
        await Parallel.ForEachAsync(data.Predictions.Concat(data.Labels), new ParallelOptions { MaxDegreeOfParallelism = 2 * ClientsPerNode },
            async (batch, _) => await s.PostAsync(batch));

        Log(clock, "ingested through one node");
        await s.WaitForJoinsAsync(TimeSpan.FromSeconds(20));
        JsonDiff.AssertSame(await s.SnapshotAsync(data), answersA, "one process vs two processes on one database");
        Log(clock, "one node answers like two");
    }

    private void Log(Stopwatch clock, string message) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {message}");
}
