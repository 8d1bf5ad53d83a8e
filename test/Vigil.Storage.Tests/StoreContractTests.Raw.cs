using System.Text;
using Vigil.Core.Windows;

namespace Vigil.Storage.Tests;

/// <summary>Rebuild from raw events and raw retention.</summary>
public abstract partial class StoreContractTests
{
    [StoreFact]
    public async Task RebuildAsync_ReplacesWindowsInRange_StreamsPredictionsWithLabels_AndJoinsThem()
    {
        // Predictions in hours 0 and 1 (p0 labelled and joined already, p1 labelled and waiting, p2 unlabelled)
        // and one in hour 5, outside the rebuilt range [T0, T0 + 2h).
        await IngestAsync(Store, async s =>
        {
            await s.InsertPredictionsAsync(Model, [Prediction("p0", T0), Prediction("p1", T0.AddMinutes(30)), Prediction("p2", T0.AddMinutes(90)), Prediction("p5", T0.AddHours(5))], Ct);
            await s.InsertLabelsAsync(Model, [Label("p0", "yes", 11)], Ct);
            await s.ClaimJoinsAsync(Model, ["p0"], 10, Ct);
            await s.AddWindowsAsync(Model, [Window(T0, 1000), Window(T0.Add(Hour), 1000), Window(T0.AddHours(5), 1)], Ct);
            return 0;
        }, Ct);
        await IngestAsync(Store, s => s.InsertLabelsAsync(Model, [new LabelRecord("p1", null, 4.5, 22), Label("p5")], Ct), Ct);

        var seen = new List<RebuildRow>();
        await Store.RebuildAsync(Model, T0, T0.AddHours(2), async rows =>
        {
            await foreach (var row in rows)
            {
                seen.Add(row);
            }

            return [Window(T0, seen.Count), Window(T0.Add(Hour), 10 * seen.Count)];
        }, Ct);

        var byId = seen.ToDictionary(r => IdOf(r.Prediction));
        Assert.Equal(["p0", "p1", "p2"], byId.Keys.Order());
        Assert.Equal(new LabelRecord("p0", "yes", double.NaN, 11), byId["p0"].Label);
        Assert.Null(byId["p1"].Label!.Label);
        Assert.Equal(4.5, byId["p1"].Label!.Value);
        Assert.Null(byId["p2"].Label);
        Assert.Equal(Raw("p2"), byId["p2"].Prediction.ToArray());

        var windows = await Store.GetWindowsAsync(AllWindows(), Ct);
        Assert.Equal([(T0, 3L), (T0.Add(Hour), 30L), (T0.AddHours(5), 1L)], windows.Select(w => (w.Key.Start, WindowProfileFormat.Read(w.Profile).Count)).OrderBy(x => x.Start));

        // p1's label is now counted by the rebuilt window: no later claim may count it again; p5's still waits.
        Assert.Equal((4L, 3L, 1L), await Store.CountRawAsync(Model, Ct));
        Assert.Equal("p5", Assert.Single(await IngestAsync(Store, s => s.ClaimJoinsAsync(Model, null, 10, Ct), Ct)).Label.Id);
    }

    [StoreFact]
    public async Task RebuildAsync_BuildThrows_KeepsTheOldWindows()
    {
        await IngestAsync(Store, async s =>
        {
            await s.InsertPredictionsAsync(Model, [Prediction("p0", T0)], Ct);
            await s.AddWindowsAsync(Model, [Window(T0, 1)], Ct);
            return 0;
        }, Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Store.RebuildAsync(Model, T0, T0.AddDays(1), _ => throw new InvalidOperationException("build failed"), Ct));

        Assert.Equal(1, (await MergedAsync(AllWindows())).Count);
    }

    [StoreFact]
    public async Task DeleteRawBeforeAsync_DeletesOlderPredictionsAndTheirLabels_KeepsWindows()
    {
        await IngestAsync(Store, async s =>
        {
            await s.InsertPredictionsAsync(Model, [Prediction("old1", T0), Prediction("old2", T0.AddMinutes(59)), Prediction("new", T0.Add(Hour))], Ct);
            await s.InsertPredictionsAsync("other", [Prediction("old3", T0.AddMinutes(1))], Ct);
            await s.InsertLabelsAsync(Model, [Label("old1"), Label("new")], Ct);
            await s.AddWindowsAsync(Model, [Window(T0, 2), Window(T0.Add(Hour), 1)], Ct);
            return 0;
        }, Ct);

        var deleted = await Store.DeleteRawBeforeAsync(T0.Add(Hour), Ct);

        Assert.Equal(3, deleted);
        Assert.Equal((1L, 1L, 1L), await Store.CountRawAsync(Model, Ct));
        Assert.Equal((0L, 0L, 0L), await Store.CountRawAsync("other", Ct));
        Assert.Equal(3, (await MergedAsync(AllWindows())).Count);
        Assert.True(await Store.HasPredictionsAsync(Model, Ct));
        Assert.Equal(new[] { true }, await IngestAsync(Store, s => s.InsertLabelsAsync(Model, [Label("old1")], Ct), Ct));
        Assert.Equal(0, await Store.DeleteRawBeforeAsync(T0.Add(Hour), Ct));
    }

    private static string IdOf(ReadOnlyMemory<byte> raw)
    {
        var text = Encoding.UTF8.GetString(raw.Span);
        var start = text.IndexOf("\"id\":\"", StringComparison.Ordinal) + 6;
        return text[start..text.IndexOf('"', start)];
    }
}
