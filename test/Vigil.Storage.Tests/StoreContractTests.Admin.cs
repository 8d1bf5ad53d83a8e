using Vigil.Core.Events;
using Vigil.Core.Models;

namespace Vigil.Storage.Tests;

/// <summary>Migration, models, references, pipeline runs and API keys.</summary>
public abstract partial class StoreContractTests
{
    [StoreFact]
    public async Task MigrateAsync_FourStoresOnAFreshDatabaseAtOnce_AllSucceedAndAgainIsANoOp()
    {
        var database = await CreateDatabaseAsync();
        var stores = new List<IVigilStore>();
        for (var i = 0; i < 4; i++)
        {
            stores.Add(await OpenAsync(database, migrate: false));
        }

        await Task.WhenAll(stores.Select(s => Task.Run(() => s.MigrateAsync(Ct))));
        await stores[0].MigrateAsync(Ct);

        await stores[1].PutModelAsync(Schema("m"), Ct);
        Assert.NotNull(await stores[2].GetModelAsync("m", Ct));
    }

    [StoreFact]
    public async Task PutModelAsync_CreatesReplacesAndListsByName()
    {
        var churn = Schema("churn");
        var fraud = Schema("fraud") with { PredictionType = PredictionType.Regression, Classes = null, WindowMinutes = 15, Description = "amounts" };
        await Store.PutModelAsync(fraud, Ct);
        await Store.PutModelAsync(churn, Ct);
        var churn2 = churn with { Features = [.. churn.Features, new FeatureSpec("tenure", FeatureType.Numerical, Nullable: false)] };
        await Store.PutModelAsync(churn2, Ct);

        Assert.Null(await Store.GetModelAsync("missing", Ct));
        Assert.Equal(ModelSchemaJson.Serialize(churn2), ModelSchemaJson.Serialize((await Store.GetModelAsync("churn", Ct))!));
        Assert.Equal(
            [ModelSchemaJson.Serialize(churn2), ModelSchemaJson.Serialize(fraud)],
            (await (await OpenAsync()).ListModelsAsync(Ct)).Select(ModelSchemaJson.Serialize));
    }

    [StoreFact]
    public async Task PutReferenceAsync_RoundTripsBytesAndReplaces()
    {
        byte[] first = [0, 1, 2, 255, 0];
        byte[] second = [.. Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7))];
        await Store.PutReferenceAsync(Model, "v1", first, Ct);
        await Store.PutReferenceAsync(Model, "v2", first, Ct);
        await Store.PutReferenceAsync(Model, "v2", second, Ct);

        Assert.Equal(first, await Store.GetReferenceAsync(Model, "v1", Ct));
        Assert.Equal(second, await Store.GetReferenceAsync(Model, "v2", Ct));
        Assert.Null(await Store.GetReferenceAsync(Model, "v3", Ct));
        Assert.Null(await Store.GetReferenceAsync("other", "v1", Ct));
    }

    [StoreFact]
    public async Task InsertPipelineRunsAsync_IdempotentPerPipeline_ReadBackOldestFirst()
    {
        var a = new PipelineRun("a", T0.AddHours(2), T0.AddHours(2).AddMinutes(5), 100, 1);
        var b = new PipelineRun("b", T0, null, 0, 0);
        var c = new PipelineRun("c", T0.AddHours(1), T0.AddHours(3), 50, 0);
        var first = await Store.InsertPipelineRunsAsync("features", [a, b, a with { Rows = 999 }], Ct);
        var second = await (await OpenAsync()).InsertPipelineRunsAsync("features", [b, c], Ct);
        var other = await Store.InsertPipelineRunsAsync("other", [a], Ct);

        Assert.Equal([true, true, false], first);
        Assert.Equal([false, true], second);
        Assert.Equal([true], other);
        Assert.Equal([b, c, a], await Store.GetPipelineRunsAsync("features", T0, T0.AddDays(1), Ct));
        Assert.Equal([c], await Store.GetPipelineRunsAsync("features", T0.AddHours(1), T0.AddHours(2), Ct));
        Assert.Equal(c, await Store.GetLastCompletedRunAsync("features", Ct));
        Assert.Null(await Store.GetLastCompletedRunAsync("missing", Ct));
        Assert.Equal(TimeSpan.Zero, (await Store.GetLastCompletedRunAsync("features", Ct))!.ScheduledAt.Offset);
    }

    [StoreFact]
    public async Task ApiKeys_InsertFindListAndRevoke()
    {
        var admin = new ApiKeyRecord("k1", "ops", ["ingest", "read", "admin"], [1, 2, 3, 4], T0);
        var reader = new ApiKeyRecord("k2", "dashboards", ["read"], [5, 6], T0.AddHours(1));
        await Store.InsertApiKeyAsync(reader, Ct);
        await Store.InsertApiKeyAsync(admin, Ct);

        var found = await Store.FindApiKeyAsync("k1", Ct);
        Assert.NotNull(found);
        Assert.Equal(("k1", "ops", T0, (DateTimeOffset?)null), (found.Id, found.Name, found.CreatedAt, found.RevokedAt));
        Assert.Equal(["ingest", "read", "admin"], found.Scopes);
        Assert.Equal([1, 2, 3, 4], found.SecretHash);
        Assert.Null(await Store.FindApiKeyAsync("k9", Ct));
        Assert.Equal(["k1", "k2"], (await Store.ListApiKeysAsync(Ct)).Select(k => k.Id));

        Assert.True(await Store.RevokeApiKeyAsync("k2", T0.AddDays(1), Ct));
        Assert.False(await Store.RevokeApiKeyAsync("k9", T0.AddDays(1), Ct));
        Assert.Equal(T0.AddDays(1), (await (await OpenAsync()).FindApiKeyAsync("k2", Ct))!.RevokedAt);
        Assert.Null((await Store.FindApiKeyAsync("k1", Ct))!.RevokedAt);
    }

    private static ModelSchema Schema(string name) => new(
        name,
        PredictionType.Binary,
        [new FeatureSpec("x", FeatureType.Numerical), new FeatureSpec("c", FeatureType.Categorical), new FeatureSpec("note", FeatureType.Text)],
        ["no", "yes"]);
}
