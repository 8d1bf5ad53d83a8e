using System.Net;
using Vigil.Storage.Tests;
using static Vigil.Server.Tests.Registry.RegistryClient;

namespace Vigil.Server.Tests.Registry;

/// <summary>The registry on PostgreSQL with two servers sharing the database, as in a multi-node deployment.</summary>
public sealed class RegistryPostgresTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [PostgresFact]
    public async Task TwoServers_ConcurrentPromotions_ExactlyOneWins_RollbackSeenByBoth()
    {
        var connection = await postgres.CreateDatabaseAsync();
        await using var a = await TestServer.StartAsync(o => { o.Store = "postgres"; o.ConnectionString = connection; });
        await using var b = await TestServer.StartAsync(o => { o.Store = "postgres"; o.ConnectionString = connection; });
        for (var i = 1; i <= 4; i++)
        {
            await CreateVersionAsync(i % 2 == 0 ? a : b, "ranker", $"v{i}");
            await Expect(await Stage(i % 2 == 0 ? b : a, "ranker", $"v{i}", "staging"), HttpStatusCode.OK);
        }

        // Four promotions at once through two servers, all made against "nothing in production".
        var servers = new[] { a, b, a, b };
        var responses = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => Post(
            servers[i - 1].Client("registry"), $"api/v1/registry/models/ranker/versions/v{i}/stage", """{"stage": "production", "expected_production": "none"}""")));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var first = await ProductionOf(a, "ranker");
        Assert.Equal(first, await ProductionOf(b, "ranker"));

        // Without expected_production each promotion replaces the last: still never two in production.
        var others = Enumerable.Range(1, 4).Select(i => $"v{i}").Where(v => v != first).ToArray();
        var replaced = await Task.WhenAll(others.Select((v, i) => Stage(servers[i], "ranker", v, "production")));
        Assert.All(replaced, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        var model = await Expect(await b.Client("read").GetAsync("api/v1/registry/models/ranker"), HttpStatusCode.OK);
        Assert.Equal(1, model.GetProperty("versions").EnumerateArray().Count(v => v.GetProperty("stage").GetString() == "production"));

        var current = await ProductionOf(a, "ranker");
        var rollback = await Expect(await Post(a.Client("registry"), "api/v1/registry/models/ranker/rollback", "{}"), HttpStatusCode.OK);
        Assert.Equal(current, rollback.GetProperty("from").GetString());
        Assert.Equal(rollback.GetProperty("to").GetString(), await ProductionOf(b, "ranker"));

        var verify = await Expect(await b.Client("admin").GetAsync("api/v1/registry/audit/verify"), HttpStatusCode.OK);
        Assert.True(verify.GetProperty("intact").GetBoolean());
    }
}
