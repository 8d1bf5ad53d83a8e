using Npgsql;
using Vigil.Storage.Postgres;

namespace Vigil.Storage.Tests.Postgres;

/// <summary>A database made by an older build opens after the upgrade, with its data.</summary>
[Collection(PostgresFixture.CollectionName)]
public sealed class PostgresUpgradeTests(PostgresFixture server)
{
    [PostgresFact]
    public async Task Version1Database_IsUpgradedInPlace_DataKept_TimeIndexReplaced()
    {
        var database = await server.CreateDatabaseAsync();
        await using (var store = new PostgresStore(database))
        {
            await store.MigrateAsync(default);
            await store.PutReferenceAsync("m", "v1", [1, 2, 3], default);
        }

        // Put the database back the way schema version 1 left it (two time indexes on the raw timestamp).
        await ExecuteAsync(database, """
            DROP INDEX predictions_hour; CREATE INDEX predictions_ts ON predictions (model, ts); CREATE INDEX predictions_age ON predictions (ts);
            UPDATE schema_version SET version = 1;
            """);
        await using (var store = new PostgresStore(database))
        {
            await store.MigrateAsync(default);
            Assert.Equal([1, 2, 3], await store.GetReferenceAsync("m", "v1", default));
        }

        Assert.Equal(3L, await ScalarAsync(database, "SELECT max(version) FROM schema_version"));
        Assert.Equal(1L, await ScalarAsync(database, "SELECT count(*) FROM schema_version"));
        Assert.Equal(0L, await ScalarAsync(database, "SELECT count(*) FROM pg_indexes WHERE indexname IN ('predictions_ts', 'predictions_age')"));
        Assert.Equal(
            "CREATE INDEX predictions_hour ON public.predictions USING btree (model, ((ts / 3600000)))",
            await TextAsync(database, "SELECT indexdef FROM pg_indexes WHERE indexname = 'predictions_hour'"));

        // A newer database is refused rather than misread.
        await ExecuteAsync(database, "UPDATE schema_version SET version = 99;");
        await using (var store = new PostgresStore(database))
        {
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => store.MigrateAsync(default));
            Assert.Contains("newer than this build", ex.Message);
        }
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var c = new NpgsqlConnection(database);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<string?> TextAsync(string database, string sql)
    {
        await using var c = new NpgsqlConnection(database);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        return (string?)await cmd.ExecuteScalarAsync();
    }

    private static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var c = new NpgsqlConnection(database);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
