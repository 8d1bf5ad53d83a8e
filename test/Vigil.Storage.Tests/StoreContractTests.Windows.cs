using Vigil.Core.Windows;

namespace Vigil.Storage.Tests;

/// <summary>Windows: round trip and filters, rejects, versions, compaction, rebuild, retention.</summary>
public abstract partial class StoreContractTests
{
    [StoreFact]
    public async Task GetWindowsAsync_FiltersByTimeVersionVariantAndSegment()
    {
        await IngestAsync(Store, async s =>
        {
            await s.AddWindowsAsync(Model, [
                Window(T0, 1), Window(T0, 2, version: "v2"), Window(T0, 4, variant: "shadow"), Window(T0, 8, segment: "region:eu"),
                Window(T0.Add(Hour), 16), Window(T0.AddDays(1), 32)], Ct);
            await s.AddWindowsAsync("other", [Window(T0, 64)], Ct);
            return 0;
        }, Ct);

        async Task<long[]> Counts(WindowQuery q) =>
            [.. (await Store.GetWindowsAsync(q, Ct)).Select(w => WindowProfileFormat.Read(w.Profile).Count).Order()];

        Assert.Equal(new long[] { 1, 2, 4, 16 }, await Counts(new WindowQuery(Model, T0, T0.AddDays(1))));
        Assert.Equal(new long[] { 1, 2, 4, 16, 32 }, await Counts(new WindowQuery(Model, T0, T0.AddDays(1).AddMilliseconds(1))));
        Assert.Equal(new long[] { 16 }, await Counts(new WindowQuery(Model, T0.AddMinutes(1), T0.AddDays(1))));
        Assert.Equal(new long[] { 1, 4, 16 }, await Counts(new WindowQuery(Model, T0, T0.AddDays(1), Version: "v1")));
        Assert.Equal(new long[] { 1, 2, 16 }, await Counts(new WindowQuery(Model, T0, T0.AddDays(1), Variant: "primary")));
        Assert.Equal(new long[] { 1, 16 }, await Counts(new WindowQuery(Model, T0, T0.AddDays(1), "v1", "primary")));
        Assert.Equal(new long[] { 8 }, await Counts(new WindowQuery(Model, T0, T0.AddDays(1), Segment: "region:eu")));
        Assert.Empty(await Counts(new WindowQuery(Model, T0, T0.AddDays(1), Segment: "region:us")));

        var stored = (await Store.GetWindowsAsync(new WindowQuery(Model, T0, T0.AddDays(1), Version: "v2"), Ct)).Single();
        Assert.Equal(new WindowKey("v2", "primary", "", T0), stored.Key);
        Assert.Equal(TimeSpan.Zero, stored.Key.Start.Offset);
        Assert.Equal(Profile(2), stored.Profile);
    }

    [StoreFact]
    public async Task GetRejectsAsync_SumsPerWindowVersionVariant_AndFilters()
    {
        await IngestAsync(Store, async s =>
        {
            await s.AddRejectsAsync(Model, [new RejectCount("v1", "primary", T0, 2), new RejectCount("", "", T0, 1)], Ct);
            return 0;
        }, Ct);
        await IngestAsync(Store, async s =>
        {
            await s.AddRejectsAsync(Model, [new RejectCount("v1", "primary", T0, 3), new RejectCount("v2", "primary", T0.Add(Hour), 5)], Ct);
            await s.AddRejectsAsync("other", [new RejectCount("v1", "primary", T0, 100)], Ct);
            return 0;
        }, Ct);

        var all = await Store.GetRejectsAsync(Model, T0, T0.AddDays(1), null, null, Ct);
        var v1 = await Store.GetRejectsAsync(Model, T0, T0.AddDays(1), "v1", "primary", Ct);
        var late = await Store.GetRejectsAsync(Model, T0.Add(Hour), T0.AddDays(1), null, null, Ct);

        Assert.Equal(
            [new RejectCount("", "", T0, 1), new RejectCount("v1", "primary", T0, 5), new RejectCount("v2", "primary", T0.Add(Hour), 5)],
            all.OrderBy(r => r.Start).ThenBy(r => r.Version, StringComparer.Ordinal));
        Assert.Equal([new RejectCount("v1", "primary", T0, 5)], v1);
        Assert.Equal([new RejectCount("v2", "primary", T0.Add(Hour), 5)], late);
    }

    [StoreFact]
    public async Task ListVersionsAsync_FirstAndLastWindowOfEachVersion()
    {
        await IngestAsync(Store, async s =>
        {
            await s.AddWindowsAsync(Model, [Window(T0.Add(Hour), 1), Window(T0, 1), Window(T0.AddDays(2), 1), Window(T0.Add(Hour), 1, version: "v2")], Ct);
            return 0;
        }, Ct);

        var versions = await Store.ListVersionsAsync(Model, Ct);

        Assert.Equal([("v1", T0, T0.AddDays(2)), ("v2", T0.Add(Hour), T0.Add(Hour))], versions);
    }

    [StoreFact]
    public async Task CompactAsync_ManyDeltas_OneRowPerKeyWithTheSameMergedContent()
    {
        // Key A: deltas of 1, 2, 3 events (categories a, b, a); key B: one row (untouched); key C: two deltas.
        var keyA = new WindowKey("v1", "primary", "", T0);
        await IngestAsync(Store, async s =>
        {
            await s.AddWindowsAsync(Model, [Window(T0, 1), Window(T0, 2, category: "b"), Window(T0.Add(Hour), 7), Window(T0, 4, segment: "region:eu")], Ct);
            await s.AddWindowsAsync(Model, [Window(T0, 3), Window(T0, 5, segment: "region:eu")], Ct);
            await s.AddWindowsAsync("other", [Window(T0, 1), Window(T0, 1)], Ct);
            return 0;
        }, Ct);

        var compacted = await Store.CompactAsync(Model, Merge, Ct);

        Assert.Equal(2, compacted);
        var rows = await Store.GetWindowsAsync(AllWindows(), Ct);
        Assert.Equal(2, rows.Count);
        var a = WindowProfileFormat.Read(rows.Single(r => r.Key == keyA).Profile);
        Assert.Equal(6, a.Count);
        Assert.Equal(6, a.Features["x"].Count);
        Assert.Equal(4, a.Features["c"].Items!.Get("a").Estimate);
        Assert.Equal(2, a.Features["c"].Items!.Get("b").Estimate);
        Assert.Equal(7, WindowProfileFormat.Read(rows.Single(r => r.Key.Start == T0.Add(Hour)).Profile).Count);
        var c = WindowProfileFormat.Read(Assert.Single(await Store.GetWindowsAsync(AllWindows("region:eu"), Ct)).Profile);
        Assert.Equal(9, c.Count);
        Assert.Equal(9, c.Features["x"].Count);
        Assert.Equal(2, (await Store.GetWindowsAsync(new WindowQuery("other", T0, T0.AddDays(1)), Ct)).Count);
        Assert.Equal(0, await Store.CompactAsync(Model, Merge, Ct));
    }

    [StoreFact]
    public async Task CompactAsync_TwoStoresAtOnceWhileIngesting_NeverLoseOrDoubleADelta()
    {
        // 20 keys (hours) x 10 deltas each of i+1 events, written in 10 transactions; two stores compact in
        // rounds while a third writer adds 5 more deltas per key. Counts per key must equal what was written.
        const int Keys = 20;
        var expected = new long[Keys];
        for (var round = 0; round < 10; round++)
        {
            var r = round;
            await IngestAsync(Store, async s =>
            {
                await s.AddWindowsAsync(Model, [.. Enumerable.Range(0, Keys).Select(k => Window(T0.AddHours(k), r + 1))], Ct);
                return 0;
            }, Ct);
            for (var k = 0; k < Keys; k++)
            {
                expected[k] += round + 1;
            }
        }

        var compactors = new[] { await OpenAsync(), await OpenAsync() };
        var writer = await OpenAsync();
        var tasks = compactors.Select(store => Task.Run(async () =>
        {
            for (var i = 0; i < 4; i++)
            {
                await store.CompactAsync(Model, Merge, Ct);
            }
        })).Append(Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await IngestAsync(writer, async s =>
                {
                    await s.AddWindowsAsync(Model, [.. Enumerable.Range(0, Keys).Select(k => Window(T0.AddHours(k), 100))], Ct);
                    return 0;
                }, Ct);
            }
        }));
        await Task.WhenAll(tasks);
        for (var k = 0; k < Keys; k++)
        {
            expected[k] += 500;
        }

        await Store.CompactAsync(Model, Merge, Ct);
        var rows = await Store.GetWindowsAsync(AllWindows(), Ct);
        Assert.Equal(Keys, rows.Count);
        for (var k = 0; k < Keys; k++)
        {
            var merged = WindowProfileFormat.Read(rows.Single(r => r.Key.Start == T0.AddHours(k)).Profile);
            Assert.Equal(expected[k], merged.Count);
            Assert.Equal(expected[k], merged.Features["c"].Items!.Get("a").Estimate);
        }
    }
}
