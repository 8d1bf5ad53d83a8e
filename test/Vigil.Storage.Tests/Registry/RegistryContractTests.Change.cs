using Vigil.Storage.Registry;

namespace Vigil.Storage.Tests.Registry;

/// <summary>Transitions: what a change writes, what a refusal or a failure does not write, and serialization.</summary>
public abstract partial class RegistryContractTests
{
    [StoreFact]
    public async Task ChangeAsync_WritesEveryField_ReadBackByAnotherInstanceAndByTheNextTransition()
    {
        var model = NewModel(Model, T0);
        var v1 = NewVersion(Model, "v1", Stage.Production, T0.AddSeconds(1));
        var v2 = NewVersion(Model, "v2", Stage.Staging, T0.AddSeconds(2), parent: "v1") with { TrainingData = null, Status = "failed" };
        var v0 = NewVersion(Model, "v0", Stage.None, T0.AddSeconds(3)) with { Tags = new Dictionary<string, string>(), Artifacts = [], Description = string.Empty };
        var approval = new RegistryApproval("v1", Stage.Production, "admin-key", "looks good", T0.AddMilliseconds(500));
        var approvalNoComment = new RegistryApproval("v2", Stage.Staging, "admin-key", null, T0.AddMilliseconds(600));
        byte[] profile = [0, 1, 2, 250, 255, 0, 7];
        var baseline = new RegistryBaseline(Model, "v1", T0.AddMilliseconds(700), "run-1", """{"auc":0.91}""", profile);
        var result = await Store.ChangeAsync(Model, state =>
        {
            Assert.Null(state.Model);
            Assert.Empty(state.Versions);
            return new RegistryDecision<string>("created", new RegistryChange
            {
                Model = model,
                Versions = [v1, v2, v0],
                SetAliases = [new RegistryAlias("champion", "v1", T0.AddMilliseconds(10)), new RegistryAlias("challenger", "v2", T0.AddMilliseconds(11))],
                Approvals = [approval, approvalNoComment],
                EnterProduction = [new ProductionEntry("v1", T0.AddMilliseconds(20))],
                Baseline = baseline,
                Audit = [Audit(Model, "version_created", T0, "v1")],
            });
        }, Ct);
        Assert.Equal("created", result);

        // Second transition: the state it is given is what the first wrote; it moves, removes and replaces.
        var v1Archived = v1 with { Stage = Stage.Archived, StageSince = T0.AddMinutes(5).AddMilliseconds(999), Description = "retired" };
        var model2 = model with { Description = "updated", Tags = new Dictionary<string, string> { ["team"] = "fraud" }, PolicyJson = null, UpdatedAt = T0.AddMinutes(5) };
        var baseline2 = new RegistryBaseline(Model, "v2", T0.AddMinutes(5), null, null, null);
        RegistryState? seen = null;
        await (await OpenAsync()).ChangeAsync(Model, state =>
        {
            seen = state;
            return new RegistryDecision<int>(2, new RegistryChange
            {
                Model = model2,
                Versions = [v1Archived],
                SetAliases = [new RegistryAlias("champion", "v2", T0.AddMinutes(5))],
                RemoveAliases = ["challenger"],
                EnterProduction = [new ProductionEntry("v2", T0.AddMinutes(5))],
                Baseline = baseline2,
                Audit = [Audit(Model, "stage_changed", T0.AddMinutes(5), "v2")],
            });
        }, Ct);

        AssertModel(model, seen!.Model);
        Assert.Equal(3, seen.Versions.Count);
        AssertVersion(v1, seen.Versions[0]);
        AssertVersion(v2, seen.Versions[1]);
        AssertVersion(v0, seen.Versions[2]);
        Assert.Equal([new RegistryAlias("challenger", "v2", T0.AddMilliseconds(11)), new RegistryAlias("champion", "v1", T0.AddMilliseconds(10))], seen.Aliases);
        Assert.Equal([approval, approvalNoComment], seen.Approvals);
        Assert.Equal([new ProductionEntry("v1", T0.AddMilliseconds(20))], seen.ProductionHistory);

        var state = await (await OpenAsync()).GetStateAsync(Model, Ct);
        AssertModel(model2, state.Model);
        Assert.Equal(["v1", "v2", "v0"], state.Versions.Select(v => v.Version));
        AssertVersion(v1Archived, state.Versions[0]);
        AssertVersion(v2, state.Versions[1]);
        Assert.Equal([new RegistryAlias("champion", "v2", T0.AddMinutes(5))], state.Aliases);
        Assert.Equal([approval, approvalNoComment], state.Approvals);
        Assert.Equal([new ProductionEntry("v1", T0.AddMilliseconds(20)), new ProductionEntry("v2", T0.AddMinutes(5))], state.ProductionHistory);

        var latest = await Store.GetBaselineAsync(Model, Ct);
        Assert.Equal(baseline2 with { ReferenceProfile = null }, latest! with { ReferenceProfile = null });
        Assert.Null(latest.ReferenceProfile);
        Assert.Null(await Store.GetBaselineAsync("other", Ct));
    }

    [StoreFact]
    public async Task ChangeAsync_BaselineBytes_RoundTrip()
    {
        await SeedAsync(Model, 1);
        byte[] profile = [.. Enumerable.Range(0, 70_000).Select(i => (byte)(i * 13))];
        var baseline = new RegistryBaseline(Model, "v1", T0.AddMilliseconds(700), "run-1", """{"auc":0.91}""", profile);
        await WriteAsync(new RegistryChange { Baseline = baseline, Audit = [Audit(Model, "baseline", T0)] });

        var read = await (await OpenAsync()).GetBaselineAsync(Model, Ct);
        Assert.Equal(baseline with { ReferenceProfile = null }, read! with { ReferenceProfile = null });
        Assert.Equal(profile, read.ReferenceProfile);
    }

    [StoreFact]
    public async Task ListModelsAsync_ByName_AndUnknownModelHasEmptyState()
    {
        await SeedAsync("zeta", 1);
        await SeedAsync("alpha", 2);
        await SeedAsync("Beta", 1);

        Assert.Equal(["Beta", "alpha", "zeta"], (await Store.ListModelsAsync(Ct)).Select(m => m.Name));
        var state = await Store.GetStateAsync("missing", Ct);
        Assert.Null(state.Model);
        Assert.Empty(state.Versions);
        Assert.Empty(state.Aliases);
        Assert.Empty(state.Approvals);
        Assert.Empty(state.ProductionHistory);
    }

    [StoreFact]
    public async Task ChangeAsync_Refusal_WritesNothing_AndReturnsTheResult()
    {
        await SeedAsync(Model, 2);
        var before = await Store.GetStateAsync(Model, Ct);
        var calls = 0;
        var result = await Store.ChangeAsync(Model, _ =>
        {
            calls++;
            return new RegistryDecision<string>("refused: no approval", null);
        }, Ct);

        Assert.Equal("refused: no approval", result);
        Assert.Equal(1, calls);
        Assert.Equal(2, (await Store.GetStateAsync(Model, Ct)).Versions.Count);
        Assert.Single(await Store.GetAuditAsync(new AuditQuery(), Ct));
        Assert.Equal(before.Versions.Select(v => v.Stage), (await Store.GetStateAsync(Model, Ct)).Versions.Select(v => v.Stage));
    }

    [StoreFact]
    public async Task ChangeAsync_DecideThrows_WritesNothing_AndPropagates()
    {
        await SeedAsync(Model, 1);
        await Store.InsertWebhookAsync(new WebhookRecord("h1", "https://example.test/hook", "s3cret", null, [], T0, "alice"), Ct);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.ChangeAsync<bool>(Model, _ => throw new InvalidOperationException("rule failed"), Ct));
        Assert.Equal("rule failed", e.Message);

        // A change without an audit entry is refused by the store before anything is written.
        await Assert.ThrowsAsync<InvalidOperationException>(() => WriteAsync(new RegistryChange
        {
            Versions = [NewVersion(Model, "v9", Stage.None, T0)],
            Events = [new RegistryEvent("version_created", Model, "{}")],
        }));

        // The store still works, and nothing of the failed transitions is there.
        await WriteAsync(new RegistryChange { Versions = [NewVersion(Model, "v2", Stage.None, T0.AddMinutes(1))], Audit = [Audit(Model, "version_created", T0, "v2")] });
        Assert.Equal(["v1", "v2"], (await Store.GetStateAsync(Model, Ct)).Versions.Select(v => v.Version));
        Assert.Equal([1L, 2L], (await Store.GetAuditAsync(new AuditQuery(), Ct)).Select(a => a.Seq));
        Assert.Empty(await Store.ListDeliveriesAsync(null, 100, Ct));
    }

    [StoreFact]
    public async Task ChangeAsync_EightInstancesPromoteAtOnce_ExactlyOneProductionVersion()
    {
        const int N = 8;
        await SeedAsync(Model, N);
        var stores = new List<IRegistryStore>();
        for (var i = 0; i < N; i++)
        {
            stores.Add(await OpenAsync());
        }

        using var gate = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, N).Select(i => Task.Run(() =>
        {
            gate.Wait(Ct);
            return stores[i].ChangeAsync(Model, state =>
            {
                if (state.Versions.Any(v => v.Stage == Stage.Production))
                {
                    return new RegistryDecision<bool>(false, null);
                }

                // Widen the window between the read and the write: a store that does not serialize loses here.
                Thread.Sleep(50);
                var target = state.Versions.Single(v => v.Version == "v" + (i + 1));
                return new RegistryDecision<bool>(true, new RegistryChange
                {
                    Versions = [target with { Stage = Stage.Production, StageSince = T0.AddMinutes(i) }],
                    EnterProduction = [new ProductionEntry(target.Version, T0.AddMinutes(i))],
                    Audit = [Audit(Model, "stage_changed", T0.AddMinutes(i), target.Version)],
                });
            }, Ct);
        })).ToList();
        gate.Set();
        var results = await Task.WhenAll(tasks);

        Assert.Single(results, r => r);
        var state = await Store.GetStateAsync(Model, Ct);
        var production = Assert.Single(state.Versions, v => v.Stage == Stage.Production);
        Assert.Equal("v" + (Array.IndexOf(results, true) + 1), production.Version);
        Assert.Equal(production.Version, Assert.Single(state.ProductionHistory).Version);
        Assert.Equal([1L, 2L], (await Store.GetAuditAsync(new AuditQuery(), Ct)).Select(a => a.Seq));
    }
}
