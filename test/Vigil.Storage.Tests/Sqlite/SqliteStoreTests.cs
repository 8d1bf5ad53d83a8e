using Vigil.Storage.Sqlite;

namespace Vigil.Storage.Tests.Sqlite;

/// <summary>The storage contract on <see cref="SqliteStore"/>, each test in its own data directory.</summary>
public sealed class SqliteStoreTests : StoreContractTests
{
    private readonly List<string> _directories = [];

    protected override Task<string> CreateDatabaseAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "vigil-sqlite-" + Guid.NewGuid().ToString("N"));
        _directories.Add(directory);
        return Task.FromResult(directory);
    }

    protected override IVigilStore CreateStore(string database) => new SqliteStore(database);

    protected override Task DeleteDatabasesAsync()
    {
        foreach (var directory in _directories.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    [StoreFact]
    public void Provider_IsSqlite() => Assert.Equal("sqlite", Store.Provider);
}
