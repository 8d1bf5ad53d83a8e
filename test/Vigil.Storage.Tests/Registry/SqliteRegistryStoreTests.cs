using Microsoft.Data.Sqlite;
using Vigil.Storage.Registry;
using Vigil.Storage.Sqlite;

namespace Vigil.Storage.Tests.Registry;

/// <summary>The registry contract on <see cref="SqliteRegistryStore"/>, each test in its own data directory.</summary>
public sealed class SqliteRegistryStoreTests : RegistryContractTests
{
    private readonly List<string> _directories = [];

    protected override Task<string> CreateDatabaseAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "vigil-registry-" + Guid.NewGuid().ToString("N"));
        _directories.Add(directory);
        return Task.FromResult(directory);
    }

    protected override IRegistryStore CreateStore(string database, TimeProvider time) => new SqliteRegistryStore(database, time);

    protected override IVigilStore CreateMonitoringStore(string database) => new SqliteStore(database);

    protected override async Task<object?> RawAsync(string sql)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(Database, "vigil.db"), Pooling = false }.ToString();
        await using var c = new SqliteConnection(connectionString);
        await c.OpenAsync(Ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync(Ct);
    }

    protected override Task DeleteDatabasesAsync()
    {
        foreach (var directory in _directories.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    [StoreFact]
    public async Task Constructor_UsesVigilDbInTheDataDirectory_InWalMode()
    {
        var store = (SqliteRegistryStore)Store;
        Assert.Equal(Path.Combine(Path.GetFullPath(Database), "vigil.db"), store.DatabasePath);
        Assert.Equal("wal", await RawAsync("PRAGMA journal_mode"));
    }
}
