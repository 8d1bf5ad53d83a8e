using Npgsql;
using Vigil.Storage.Postgres;
using Vigil.Storage.Registry;

namespace Vigil.Storage.Tests.Registry;

/// <summary>The registry contract on <see cref="PostgresRegistryStore"/>, each test on its own database of one shared server.</summary>
[Collection(PostgresFixture.CollectionName)]
public sealed class PostgresRegistryStoreTests : RegistryContractTests
{
    private readonly PostgresFixture _server;

    public PostgresRegistryStoreTests(PostgresFixture server) => _server = server;

    protected override Task<string> CreateDatabaseAsync() => _server.CreateDatabaseAsync();

    protected override IRegistryStore CreateStore(string database, TimeProvider time) => new PostgresRegistryStore(database, time);

    protected override IVigilStore CreateMonitoringStore(string database) => new PostgresStore(database);

    protected override async Task<object?> RawAsync(string sql)
    {
        await using var c = new NpgsqlConnection(Database + ";Pooling=false");
        await c.OpenAsync(Ct);
        await using var cmd = new NpgsqlCommand(sql, c);
        return await cmd.ExecuteScalarAsync(Ct);
    }
}
