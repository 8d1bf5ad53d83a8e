using Microsoft.Data.Sqlite;
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

    [StoreFact]
    public async Task OlderDatabase_TimeIndexesOnTheRawTimestamp_AreReplacedByTheHourIndex_DataKept()
    {
        var directory = await CreateDatabaseAsync();
        var store = new SqliteStore(directory);
        await store.MigrateAsync(Ct);
        await store.PutReferenceAsync("m", "v1", [1, 2, 3], Ct);
        Execute(store.DatabasePath, "DROP INDEX predictions_hour; CREATE INDEX predictions_ts ON predictions (model, ts); CREATE INDEX predictions_age ON predictions (ts);");

        await new SqliteStore(directory).MigrateAsync(Ct);

        Assert.Equal([1, 2, 3], await new SqliteStore(directory).GetReferenceAsync("m", "v1", Ct));
        using var c = new SqliteConnection($"Data Source={store.DatabasePath}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT group_concat(name || ': ' || sql, '; ') FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'predictions' AND sql IS NOT NULL";
        Assert.Equal("predictions_hour: CREATE INDEX predictions_hour ON predictions (model, ts / 3600000)", cmd.ExecuteScalar());
        SqliteConnection.ClearAllPools();
    }

    private static void Execute(string database, string sql)
    {
        using var c = new SqliteConnection($"Data Source={database}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
