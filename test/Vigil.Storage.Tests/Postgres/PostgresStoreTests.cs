using Vigil.Storage.Postgres;

namespace Vigil.Storage.Tests.Postgres;

/// <summary>The storage contract on <see cref="PostgresStore"/>, each test on its own database of one shared server.</summary>
[Collection(PostgresFixture.CollectionName)]
public sealed class PostgresStoreTests : StoreContractTests
{
    private readonly PostgresFixture _server;

    public PostgresStoreTests(PostgresFixture server) => _server = server;

    protected override Task<string> CreateDatabaseAsync() => _server.CreateDatabaseAsync();

    protected override IVigilStore CreateStore(string database) => new PostgresStore(database);

    [StoreFact]
    public void Provider_IsPostgres() => Assert.Equal("postgres", Store.Provider);
}
