using Vigil.Core.Windows;

namespace Vigil.Storage.Tests;

/// <summary>Window stamps (key and sequence number without the profile) and profiles read by sequence number.</summary>
public abstract partial class StoreContractTests
{
    [StoreFact]
    public async Task GetWindowStampsAsync_SameRowsFiltersAndOrderAsGetWindowsAsync()
    {
        // Key (v1, primary, "", T0) gets two deltas in two transactions (2 then 3 events): ordered by seq.
        await IngestAsync(Store, async s =>
        {
            await s.AddWindowsAsync(Model, [
                Window(T0.Add(Hour), 16), Window(T0, 2), Window(T0, 4, version: "v2"), Window(T0, 8, variant: "shadow"),
                Window(T0, 32, segment: "region:eu"), Window(T0.AddDays(1), 64)], Ct);
            await s.AddWindowsAsync("other", [Window(T0, 128)], Ct);
            return 0;
        }, Ct);
        await IngestAsync(Store, async s =>
        {
            await s.AddWindowsAsync(Model, [Window(T0, 3)], Ct);
            return 0;
        }, Ct);

        var one = new WindowQuery(Model, T0, T0.AddDays(1), "v1", "primary");
        var stamps = await Store.GetWindowStampsAsync(one, Ct);
        var profiles = await Store.GetWindowProfilesAsync(Model, [.. stamps.Select(s => s.Seq)], Ct);

        var primary = new WindowKey("v1", "primary", "", T0);
        Assert.Equal([primary, primary, primary with { Start = T0.Add(Hour) }], stamps.Select(s => s.Key));
        Assert.True(stamps[0].Seq < stamps[1].Seq, "two deltas of one window come in the order they were stored");
        Assert.Equal([Profile(2), Profile(3), Profile(16)], stamps.Select(s => profiles[s.Seq]));

        foreach (var query in new[]
        {
            new WindowQuery(Model, T0, T0.AddDays(1)), new WindowQuery(Model, T0, T0.AddDays(1).AddMilliseconds(1)),
            new WindowQuery(Model, T0.AddMinutes(1), T0.AddDays(1)), new WindowQuery(Model, T0, T0.AddDays(1), Version: "v2"),
            new WindowQuery(Model, T0, T0.AddDays(1), Variant: "shadow"), new WindowQuery(Model, T0, T0.AddDays(1), Segment: "region:eu"),
            new WindowQuery(Model, T0, T0.AddDays(1), Segment: "region:us"), new WindowQuery("other", T0, T0.AddDays(1)),
        })
        {
            var rows = await Store.GetWindowsAsync(query, Ct);
            var stamped = await Store.GetWindowStampsAsync(query, Ct);
            var read = await Store.GetWindowProfilesAsync(query.Model, [.. stamped.Select(s => s.Seq)], Ct);
            Assert.Equal(rows.Select(r => r.Key), stamped.Select(s => s.Key));
            Assert.Equal(rows.Select(r => r.Profile), stamped.Select(s => read[s.Seq]));
        }

        var day = await Store.GetWindowStampsAsync(new WindowQuery(Model, T0, T0.AddDays(1)), Ct);
        var dayProfiles = await Store.GetWindowProfilesAsync(Model, [.. day.Select(s => s.Seq)], Ct);
        Assert.Equal(new long[] { 2, 3, 4, 8, 16 }, day.Select(s => WindowProfileFormat.Read(dayProfiles[s.Seq]).Count).Order());
        Assert.Equal(T0.Add(Hour), day[^1].Key.Start);
    }

    [StoreFact]
    public async Task GetWindowStampsAsync_ANewDeltaAddsAStamp_CompactionAndRebuildReplaceThemWithNewNumbers()
    {
        await IngestAsync(Store, async s =>
        {
            await s.AddWindowsAsync(Model, [Window(T0, 1), Window(T0.Add(Hour), 2), Window(T0.AddHours(2), 4)], Ct);
            return 0;
        }, Ct);
        var before = await Store.GetWindowStampsAsync(AllWindows(), Ct);
        var seen = before.Select(s => s.Seq).ToHashSet();

        // A late delta of hour 0: its stamps gain one number, newer than every other; the other hours keep theirs.
        await IngestAsync(Store, async s =>
        {
            await s.AddWindowsAsync(Model, [Window(T0, 8)], Ct);
            return 0;
        }, Ct);
        var delta = await Store.GetWindowStampsAsync(AllWindows(), Ct);
        Assert.Equal(4, delta.Count);
        var added = Assert.Single(delta, s => !seen.Contains(s.Seq));
        Assert.Equal(T0, added.Key.Start);
        Assert.True(added.Seq > seen.Max());
        Assert.Equal(before.Where(s => s.Key.Start == T0).Select(s => s.Seq).Append(added.Seq), delta.Where(s => s.Key.Start == T0).Select(s => s.Seq));
        Assert.Equal(before.Where(s => s.Key.Start > T0), delta.Where(s => s.Key.Start > T0));
        seen.UnionWith(delta.Select(s => s.Seq));

        // Compaction: hour 0's two rows become one row under a number never used before, holding 1 + 8 events.
        Assert.Equal(1, await Store.CompactAsync(Model, Merge, Ct));
        var compacted = await Store.GetWindowStampsAsync(AllWindows(), Ct);
        var merged = Assert.Single(compacted, s => s.Key.Start == T0);
        Assert.DoesNotContain(merged.Seq, seen);
        Assert.Equal(delta.Where(s => s.Key.Start > T0), compacted.Where(s => s.Key.Start > T0));
        Assert.Equal(9, WindowProfileFormat.Read((await Store.GetWindowProfilesAsync(Model, [merged.Seq], Ct))[merged.Seq]).Count);
        seen.Add(merged.Seq);

        // A rebuild of hours 0 and 1, whose rows include the newest: new numbers, never one of a deleted row; hour 2 kept.
        await Store.RebuildAsync(Model, T0, T0.AddHours(2), async rows =>
        {
            await foreach (var _ in rows)
            {
            }

            return [Window(T0, 16), Window(T0.Add(Hour), 32)];
        }, Ct);
        var rebuilt = await Store.GetWindowStampsAsync(AllWindows(), Ct);
        Assert.Equal([T0, T0.Add(Hour), T0.AddHours(2)], rebuilt.Select(s => s.Key.Start));
        Assert.Equal(compacted.Single(s => s.Key.Start == T0.AddHours(2)), rebuilt[2]);
        Assert.All(rebuilt.Take(2), s => Assert.True(s.Seq > seen.Max(), $"seq {s.Seq} reuses or precedes a number already given out"));
        var profiles = await Store.GetWindowProfilesAsync(Model, [.. rebuilt.Take(2).Select(s => s.Seq)], Ct);
        Assert.Equal([Profile(16), Profile(32)], rebuilt.Take(2).Select(s => profiles[s.Seq]));
    }

    [StoreFact]
    public async Task GetWindowProfilesAsync_ReturnsExactlyTheAskedRowsOfTheModel_DeletedRowsAbsent()
    {
        await IngestAsync(Store, async s =>
        {
            await s.AddWindowsAsync(Model, [Window(T0, 1), Window(T0.Add(Hour), 2), Window(T0.AddHours(2), 4, segment: "region:eu")], Ct);
            await s.AddWindowsAsync("other", [Window(T0, 8)], Ct);
            return 0;
        }, Ct);
        await IngestAsync(Store, async s =>
        {
            await s.AddWindowsAsync(Model, [Window(T0, 16)], Ct);
            return 0;
        }, Ct);
        var all = await Store.GetWindowStampsAsync(AllWindows(), Ct);
        var eu = Assert.Single(await Store.GetWindowStampsAsync(AllWindows("region:eu"), Ct));
        var other = Assert.Single(await Store.GetWindowStampsAsync(new WindowQuery("other", T0, T0.AddDays(1)), Ct));
        Assert.Equal(3, all.Count);

        var some = await Store.GetWindowProfilesAsync(Model, [all[2].Seq, eu.Seq, all[0].Seq], Ct);
        Assert.Equal(new[] { all[0].Seq, all[2].Seq, eu.Seq }.Order(), some.Keys.Order());
        Assert.Equal(Profile(1), some[all[0].Seq]);
        Assert.Equal(Profile(2), some[all[2].Seq]);
        Assert.Equal(Profile(4), some[eu.Seq]);
        Assert.Empty(await Store.GetWindowProfilesAsync(Model, [other.Seq], Ct));
        Assert.Empty(await Store.GetWindowProfilesAsync(Model, [], Ct));
        Assert.Empty(await Store.GetWindowProfilesAsync(Model, [all.Max(s => s.Seq) + 1000], Ct));

        // Hour 0's rows are merged away: asking for them by their old numbers finds nothing.
        await Store.CompactAsync(Model, Merge, Ct);
        var after = await Store.GetWindowProfilesAsync(Model, [all[0].Seq, all[1].Seq, all[2].Seq], Ct);
        Assert.Equal([all[2].Seq], after.Keys);
    }

    [StoreFact]
    public async Task GetWindowProfilesAsync_ManyRows_AllReturned()
    {
        const int Hours = 1200;
        await IngestAsync(Store, async s =>
        {
            await s.AddWindowsAsync(Model, [.. Enumerable.Range(0, Hours).Select(h => Window(T0.AddHours(h), h + 1))], Ct);
            return 0;
        }, Ct);
        var stamps = await Store.GetWindowStampsAsync(new WindowQuery(Model, T0, T0.AddHours(Hours)), Ct);

        var profiles = await Store.GetWindowProfilesAsync(Model, [.. stamps.Select(s => s.Seq)], Ct);

        Assert.Equal(Hours, profiles.Count);
        Assert.Equal(Enumerable.Range(1, Hours).Select(n => (long)n), stamps.Select(s => WindowProfileFormat.Read(profiles[s.Seq]).Count));
    }
}
