namespace Vigil.Storage.Tests;

/// <summary>Ingest: idempotent inserts, joins claimed once, rollback, concurrent sessions.</summary>
public abstract partial class StoreContractTests
{
    [StoreFact]
    public async Task InsertPredictionsAsync_DuplicateWithinBatch_OnlyFirstOccurrenceIsNewAndKept()
    {
        var inserted = await IngestAsync(Store, s => s.InsertPredictionsAsync(Model, [Prediction("p1", T0, marker: "first"), Prediction("p2", T0), Prediction("p1", T0, marker: "second")], Ct), Ct);

        Assert.Equal([true, true, false], inserted);
        Assert.Equal((2L, 0L, 0L), await Store.CountRawAsync(Model, Ct));
        var joined = await IngestAsync(Store, async s =>
        {
            await s.InsertLabelsAsync(Model, [Label("p1")], Ct);
            return await s.ClaimJoinsAsync(Model, ["p1"], 10, Ct);
        }, Ct);
        Assert.Equal(Raw("p1", "first"), Assert.Single(joined).Prediction.ToArray());
    }

    [StoreFact]
    public async Task InsertPredictionsAsync_DuplicateAcrossBatchesAndStores_NotNew()
    {
        await IngestAsync(Store, s => s.InsertPredictionsAsync(Model, [Prediction("p1", T0), Prediction("p2", T0)], Ct), Ct);
        var other = await OpenAsync();

        var second = await IngestAsync(other, s => s.InsertPredictionsAsync(Model, [Prediction("p2", T0), Prediction("p3", T0), Prediction("p3", T0)], Ct), Ct);
        var otherModel = await IngestAsync(other, s => s.InsertPredictionsAsync("other", [Prediction("p1", T0)], Ct), Ct);

        Assert.Equal([false, true, false], second);
        Assert.Equal([true], otherModel);
        Assert.Equal((3L, 0L, 0L), await Store.CountRawAsync(Model, Ct));
        Assert.Equal((1L, 0L, 0L), await Store.CountRawAsync("other", Ct));
    }

    [StoreFact]
    public async Task InsertLabelsAsync_DuplicatesWithinAndAcrossBatches_OnlyFirstIsNew()
    {
        var first = await IngestAsync(Store, s => s.InsertLabelsAsync(Model, [Label("a"), Label("b"), Label("a", "no")], Ct), Ct);
        var second = await IngestAsync(Store, s => s.InsertLabelsAsync(Model, [Label("b"), Label("c")], Ct), Ct);

        Assert.Equal([true, true, false], first);
        Assert.Equal([false, true], second);
        Assert.Equal((0L, 3L, 3L), await Store.CountRawAsync(Model, Ct));
    }

    [StoreFact]
    public async Task InsertAsync_EmptyBatches_ReturnEmpty()
    {
        var (predictions, labels, joins) = await IngestAsync(Store, async s => (
            await s.InsertPredictionsAsync(Model, [], Ct),
            await s.InsertLabelsAsync(Model, [], Ct),
            await s.ClaimJoinsAsync(Model, [], 10, Ct)), Ct);

        Assert.Empty(predictions);
        Assert.Empty(labels);
        Assert.Empty(joins);
    }

    [StoreFact]
    public async Task ClaimJoinsAsync_LabelAfterPrediction_ClaimedOnceWithBothSides()
    {
        await IngestAsync(Store, s => s.InsertPredictionsAsync(Model, [Prediction("p1", T0), Prediction("p2", T0)], Ct), Ct);

        var (claimed, again) = await IngestAsync(Store, async s =>
        {
            await s.InsertLabelsAsync(Model, [new LabelRecord("p1", "yes", double.NaN, 1234), new LabelRecord("p2", null, 2.5, 5678)], Ct);
            return (await s.ClaimJoinsAsync(Model, ["p1", "p2", "p9"], 10, Ct), await s.ClaimJoinsAsync(Model, ["p1", "p2"], 10, Ct));
        }, Ct);

        Assert.Empty(again);
        var byId = claimed.ToDictionary(j => j.Label.Id);
        Assert.Equal(2, byId.Count);
        Assert.Equal(Raw("p1"), byId["p1"].Prediction.ToArray());
        Assert.Equal("yes", byId["p1"].Label.Label);
        Assert.True(double.IsNaN(byId["p1"].Label.Value));
        Assert.Equal(1234, byId["p1"].Label.Timestamp);
        Assert.Null(byId["p2"].Label.Label);
        Assert.Equal(2.5, byId["p2"].Label.Value);
        Assert.Equal(5678, byId["p2"].Label.Timestamp);
        Assert.Equal((2L, 2L, 0L), await Store.CountRawAsync(Model, Ct));
        Assert.Empty(await IngestAsync(Store, s => s.ClaimJoinsAsync(Model, null, 10, Ct), Ct));
    }

    [StoreFact]
    public async Task ClaimJoinsAsync_LabelBeforePrediction_ClaimedWhenThePredictionArrives()
    {
        var early = await IngestAsync(Store, async s =>
        {
            await s.InsertLabelsAsync(Model, [Label("p1")], Ct);
            return await s.ClaimJoinsAsync(Model, ["p1"], 10, Ct);
        }, Ct);
        Assert.Empty(early);
        Assert.Equal((0L, 1L, 1L), await Store.CountRawAsync(Model, Ct));

        var late = await IngestAsync(Store, async s =>
        {
            await s.InsertPredictionsAsync(Model, [Prediction("p1", T0)], Ct);
            return await s.ClaimJoinsAsync(Model, ["p1"], 10, Ct);
        }, Ct);

        Assert.Equal("p1", Assert.Single(late).Label.Id);
        Assert.Equal((1L, 1L, 0L), await Store.CountRawAsync(Model, Ct));
    }

    [StoreFact]
    public async Task ClaimJoinsAsync_Sweep_ClaimsWaitingPairsUpToTheLimitOnce()
    {
        // Pairs whose two halves arrived in separate transactions without a claim (as after a crash), and one
        // label without a prediction, which the sweep must leave waiting.
        for (var i = 0; i < 5; i++)
        {
            await IngestAsync(Store, s => s.InsertPredictionsAsync(Model, [Prediction($"p{i}", T0)], Ct), Ct);
            await IngestAsync(Store, s => s.InsertLabelsAsync(Model, [Label($"p{i}")], Ct), Ct);
        }

        await IngestAsync(Store, s => s.InsertLabelsAsync(Model, [Label("orphan")], Ct), Ct);

        var first = await IngestAsync(Store, s => s.ClaimJoinsAsync(Model, null, 3, Ct), Ct);
        var rest = await IngestAsync(Store, s => s.ClaimJoinsAsync(Model, null, 100, Ct), Ct);
        var none = await IngestAsync(Store, s => s.ClaimJoinsAsync(Model, null, 100, Ct), Ct);

        Assert.Equal(3, first.Count);
        Assert.Equal(2, rest.Count);
        Assert.Empty(none);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"p{i}").Order(), first.Concat(rest).Select(j => j.Label.Id).Order());
        Assert.Equal((5L, 6L, 1L), await Store.CountRawAsync(Model, Ct));
    }

    [StoreFact]
    public async Task ClaimJoinsAsync_TwoStoresSweepingAtOnce_ClaimEveryPairExactlyOnce()
    {
        const int Pairs = 300;
        await IngestAsync(Store, s => s.InsertPredictionsAsync(Model, [.. Enumerable.Range(0, Pairs).Select(i => Prediction($"p{i}", T0))], Ct), Ct);
        await IngestAsync(Store, s => s.InsertLabelsAsync(Model, [.. Enumerable.Range(0, Pairs).Select(i => Label($"p{i}"))], Ct), Ct);
        var stores = new[] { Store, await OpenAsync() };

        var claims = await Task.WhenAll(stores.Select(store => Task.Run(async () =>
        {
            var mine = new List<string>();
            while (true)
            {
                var batch = await IngestAsync(store, s => s.ClaimJoinsAsync(Model, null, 7, Ct), Ct);
                if (batch.Count == 0)
                {
                    return mine;
                }

                mine.AddRange(batch.Select(j => j.Label.Id));
            }
        })));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(Pairs, all.Count);
        Assert.Equal(Pairs, all.Distinct().Count());
        Assert.Equal((long)Pairs, (await Store.CountRawAsync(Model, Ct)).Predictions);
        Assert.Equal(0L, (await Store.CountRawAsync(Model, Ct)).Unjoined);
    }

    [StoreFact]
    public async Task ClaimJoinsAsync_PredictionsAndLabelsFromTwoStoresAtOnce_EachPairClaimedOnceWithTheSweep()
    {
        // Store A ingests predictions and store B their labels, concurrently, in batches of 20, each session
        // claiming the pairs of its own ids; pairs whose halves committed at the same time are left to the sweep.
        const int Pairs = 400;
        const int Batch = 20;
        var a = Store;
        var b = await OpenAsync();
        var ids = Enumerable.Range(0, Pairs).Select(i => $"id{i:D4}").ToArray();

        async Task<List<string>> Send(IVigilStore store, bool predictions)
        {
            var claimed = new List<string>();
            for (var at = 0; at < Pairs; at += Batch)
            {
                var batch = ids[at..(at + Batch)];
                var joins = await IngestAsync(store, async s =>
                {
                    _ = predictions
                        ? await s.InsertPredictionsAsync(Model, [.. batch.Select(id => Prediction(id, T0))], Ct)
                        : await s.InsertLabelsAsync(Model, [.. batch.Select(id => Label(id))], Ct);
                    return await s.ClaimJoinsAsync(Model, batch, Batch, Ct);
                }, Ct);
                claimed.AddRange(joins.Select(j => j.Label.Id));
            }

            return claimed;
        }

        var sent = await Task.WhenAll(Task.Run(() => Send(a, predictions: true)), Task.Run(() => Send(b, predictions: false)));
        var swept = await IngestAsync(a, s => s.ClaimJoinsAsync(Model, null, Pairs, Ct), Ct);

        var all = sent[0].Concat(sent[1]).Concat(swept.Select(j => j.Label.Id)).ToList();
        Assert.Equal(ids, all.Order(StringComparer.Ordinal));
        Assert.Equal(((long)Pairs, (long)Pairs, 0L), await Store.CountRawAsync(Model, Ct));
    }

    [StoreFact]
    public async Task BeginIngestAsync_DisposedWithoutCommit_RollsEverythingBack()
    {
        await using (var session = await Store.BeginIngestAsync(Ct))
        {
            await session.InsertPredictionsAsync(Model, [Prediction("p1", T0)], Ct);
            await session.InsertLabelsAsync(Model, [Label("p1")], Ct);
            Assert.Single(await session.ClaimJoinsAsync(Model, ["p1"], 10, Ct));
            await session.AddWindowsAsync(Model, [Window(T0, 1)], Ct);
            await session.AddRejectsAsync(Model, [new RejectCount("v1", "primary", T0, 3)], Ct);
        }

        Assert.Equal((0L, 0L, 0L), await Store.CountRawAsync(Model, Ct));
        Assert.False(await Store.HasPredictionsAsync(Model, Ct));
        Assert.Empty(await Store.GetWindowsAsync(AllWindows(), Ct));
        Assert.Empty(await Store.GetRejectsAsync(Model, T0, T0.AddDays(1), null, null, Ct));
        Assert.Equal(new[] { true }, await IngestAsync(Store, s => s.InsertPredictionsAsync(Model, [Prediction("p1", T0)], Ct), Ct));
    }

    [StoreFact]
    public async Task IngestSessions_TwoStoresWithOverlappingBatchesAtOnce_StoreAndCountEachIdOnce()
    {
        // Store A sends ids 0..599 and store B ids 300..899, in shuffled batches of 50, each batch in its own
        // transaction that also adds a window delta counting the rows the store reported new.
        const int Batch = 50;
        var stores = new[] { Store, await OpenAsync() };
        var ranges = new[] { Enumerable.Range(0, 600).ToArray(), Enumerable.Range(300, 600).ToArray() };
        var newCounts = await Task.WhenAll(Enumerable.Range(0, 2).Select(k => Task.Run(async () =>
        {
            var ids = ranges[k].ToArray();
            new Random(k).Shuffle(ids);
            var total = 0;
            for (var at = 0; at < ids.Length; at += Batch)
            {
                var rows = ids.Skip(at).Take(Batch).Select(i => Prediction($"p{i:D4}", T0.AddMinutes(i % 60))).ToList();
                total += await IngestAsync(stores[k], async s =>
                {
                    var inserted = await s.InsertPredictionsAsync(Model, rows, Ct);
                    var fresh = inserted.Count(b => b);
                    await s.AddWindowsAsync(Model, [Window(T0, fresh)], Ct);
                    return fresh;
                }, Ct);
            }

            return total;
        })));

        Assert.Equal(900, newCounts.Sum());
        Assert.Equal((900L, 0L, 0L), await Store.CountRawAsync(Model, Ct));
        Assert.Equal(900, (await MergedAsync(AllWindows())).Count);
    }

    [StoreFact]
    public async Task HasPredictionsAsync_AfterCommitOnlyAndPerModel()
    {
        Assert.False(await Store.HasPredictionsAsync(Model, Ct));
        await IngestAsync(Store, s => s.InsertPredictionsAsync(Model, [Prediction("p1", T0)], Ct), Ct);

        Assert.True(await Store.HasPredictionsAsync(Model, Ct));
        Assert.False(await Store.HasPredictionsAsync("other", Ct));
    }
}
