using Vigil.Storage.Registry;

namespace Vigil.Storage.Tests.Registry;

/// <summary>Evaluation runs, golden sets and migration.</summary>
public abstract partial class RegistryContractTests
{
    [StoreFact]
    public async Task EvalRuns_InsertGetAndListWithFilters_NewestFirst()
    {
        var sha1 = new string('1', 64);
        var sha2 = new string('2', 64);
        EvalRunRecord Run(string id, string version, string? golden, string sha, int minute, bool passed = true) =>
            new(id, Model, version, golden, sha, "classification", passed, """{"gates":{"auc":">=0.8"}}""", $$"""{"id":"{{id}}","auc":0.9}""", T0.AddMinutes(minute), "ci-key");
        var r1 = Run("r1", "v1", "invoices", sha1, 0);
        var r2 = Run("r2", "v1", null, sha2, 1, passed: false);
        var r3 = Run("r3", "v2", "invoices", sha1, 2);
        var r4 = Run("r4", "v2", "invoices", sha2, 2);
        var other = Run("x1", "v1", "invoices", sha1, 5) with { Model = "fraud" };
        foreach (var r in new[] { r3, r1, other, r4, r2 })
        {
            await Store.InsertEvalRunAsync(r, Ct);
        }

        var reader = await OpenAsync();
        Assert.Equal(r2, await reader.GetEvalRunAsync("r2", Ct));
        Assert.Null(await reader.GetEvalRunAsync("missing", Ct));

        async Task<string[]> Ids(EvalRunQuery q) => [.. (await reader.ListEvalRunsAsync(q, Ct)).Select(r => r.Id)];

        // Newest first; r3 and r4 share a time and are ordered by id (descending) the same on every provider.
        Assert.Equal(["r4", "r3", "r2", "r1"], await Ids(new EvalRunQuery(Model)));
        Assert.Equal([r4, r3, r2, r1], await reader.ListEvalRunsAsync(new EvalRunQuery(Model), Ct));
        Assert.Equal(["r2", "r1"], await Ids(new EvalRunQuery(Model, Version: "v1")));
        Assert.Equal(["r4", "r3", "r1"], await Ids(new EvalRunQuery(Model, GoldenSet: "invoices")));
        Assert.Equal(["r3", "r1"], await Ids(new EvalRunQuery(Model, DatasetSha256: sha1)));
        Assert.Equal(["r3"], await Ids(new EvalRunQuery(Model, "v2", "invoices", sha1)));
        Assert.Equal(["r4", "r3"], await Ids(new EvalRunQuery(Model, Limit: 2)));
        Assert.Equal(["x1"], await Ids(new EvalRunQuery("fraud")));
        Assert.Empty(await Ids(new EvalRunQuery("missing")));
    }

    [StoreFact]
    public async Task GoldenSets_PutIsIdempotentPerHash_GetLatestOrByHash_ListNewestFirst()
    {
        var shaA = new string('a', 64);
        var shaB = new string('b', 64);
        var shaC = new string('c', 64);
        var first = new GoldenSetRecord("invoices", shaA, 120, 45_000, "first cut", T0, "alice");
        var second = new GoldenSetRecord("invoices", shaB, 150, 52_000, null, T0.AddDays(1), "bob");
        var receipts = new GoldenSetRecord("receipts", shaA, 10, 900, "same file, other name", T0.AddHours(1), "alice");

        Assert.True(await Store.PutGoldenSetAsync(first, Ct));
        Assert.True(await Store.PutGoldenSetAsync(second, Ct));
        Assert.True(await Store.PutGoldenSetAsync(receipts, Ct));
        Assert.False(await Store.PutGoldenSetAsync(first with { Description = "changed", CreatedAt = T0.AddDays(5) }, Ct));

        var reader = await OpenAsync();
        Assert.Equal(second, await reader.GetGoldenSetAsync("invoices", null, Ct));
        Assert.Equal(first, await reader.GetGoldenSetAsync("invoices", shaA, Ct));
        Assert.Equal(receipts, await reader.GetGoldenSetAsync("receipts", shaA, Ct));
        Assert.Null(await reader.GetGoldenSetAsync("invoices", shaC, Ct));
        Assert.Null(await reader.GetGoldenSetAsync("missing", null, Ct));
        Assert.Equal([second, first], await reader.ListGoldenSetsAsync("invoices", Ct));
        Assert.Equal([second, receipts, first], await reader.ListGoldenSetsAsync(null, Ct));
        Assert.Empty(await reader.ListGoldenSetsAsync("missing", Ct));

        // Two versions registered in the same millisecond: the latest is decided by hash, the same every time.
        var tie = new GoldenSetRecord("invoices", shaC, 1, 1, null, T0.AddDays(1), "carol");
        Assert.True(await Store.PutGoldenSetAsync(tie, Ct));
        Assert.Equal(tie, await reader.GetGoldenSetAsync("invoices", null, Ct));
        Assert.Equal([tie, second, first], await reader.ListGoldenSetsAsync("invoices", Ct));
    }

    [StoreFact]
    public async Task MigrateAsync_FourInstancesOnAFreshDatabaseAtOnce_ThenAgain_IsANoOp()
    {
        var database = await CreateDatabaseAsync();
        var stores = new List<IRegistryStore>();
        for (var i = 0; i < 4; i++)
        {
            stores.Add(await OpenAsync(database, migrate: false));
        }

        await Task.WhenAll(stores.Select(s => Task.Run(() => s.MigrateAsync(Ct))));
        await SeedAsync(Model, 2, store: stores[1]);
        await stores[0].MigrateAsync(Ct);
        await (await OpenAsync(database)).MigrateAsync(Ct);

        Assert.Equal(2, (await stores[2].GetStateAsync(Model, Ct)).Versions.Count);
        Assert.Single(await stores[3].GetAuditAsync(new AuditQuery(), Ct));
    }

    [StoreFact]
    public async Task MigrateAsync_TwiceOnThisDatabase_KeepsOneSchemaVersionRowAndTheData()
    {
        await SeedAsync(Model, 1);
        await Store.MigrateAsync(Ct);
        await Store.MigrateAsync(Ct);

        Assert.Equal(1L, Convert.ToInt64(await RawAsync("SELECT COUNT(*) FROM registry_schema_version"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1L, Convert.ToInt64(await RawAsync("SELECT MAX(version) FROM registry_schema_version"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Single((await Store.GetStateAsync(Model, Ct)).Versions);
    }

    [StoreFact]
    public async Task MigrateAsync_WithTheMonitoringStoreInEitherOrder_BothWork()
    {
        // Registry first: this test's database already has the registry tables.
        var monitoringAfter = await OpenMonitoringAsync(Database);
        await SeedAsync(Model, 1);

        // Monitoring first, on a fresh database.
        var fresh = await CreateDatabaseAsync();
        var monitoringBefore = await OpenMonitoringAsync(fresh);
        var registryAfter = await OpenAsync(fresh);
        await SeedAsync(Model, 2, store: registryAfter);

        foreach (var (monitoring, registry, versions) in new[] { (monitoringAfter, Store, 1), (monitoringBefore, registryAfter, 2) })
        {
            await monitoring.PutReferenceAsync(Model, "v1", [1, 2, 3], Ct);
            Assert.Equal([1, 2, 3], await monitoring.GetReferenceAsync(Model, "v1", Ct));
            Assert.Equal(versions, (await registry.GetStateAsync(Model, Ct)).Versions.Count);
            await monitoring.MigrateAsync(Ct);
            await registry.MigrateAsync(Ct);
            Assert.Equal(versions, (await registry.GetStateAsync(Model, Ct)).Versions.Count);
        }
    }
}
