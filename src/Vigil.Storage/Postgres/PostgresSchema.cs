using Npgsql;

namespace Vigil.Storage.Postgres;

/// <summary>
/// The PostgreSQL tables (version 3). Times are Unix milliseconds in <c>bigint</c>. Migration runs under a
/// transaction-scoped advisory lock, so several processes starting at once apply the DDL one after another.
/// </summary>
internal static class PostgresSchema
{
    public const int Version = 3;

    /// <summary>Upgrades from each version to the next: index <c>i</c> takes version <c>i + 1</c> to <c>i + 2</c>.</summary>
    /// <remarks>
    /// 1 to 2: raw predictions keep one time index, <c>predictions_age (ts)</c>, which serves retention and
    /// rebuilds of a model's range alike; <c>predictions_ts (model, ts)</c> cost a third index insert per event.
    /// 2 to 3: that time index is <c>predictions_hour</c> on the model and the hour (<see cref="RawHours"/>), which
    /// grows by appending instead of taking each event at a random place among the recent entries.
    /// </remarks>
    private static readonly string[] Upgrades =
    [
        "DROP INDEX IF EXISTS predictions_ts",
        "DROP INDEX IF EXISTS predictions_age; " + HourIndex,
    ];

    private const string HourIndex = "CREATE INDEX IF NOT EXISTS predictions_hour ON predictions (model, (" + RawHours.Of + "));";

    /// <summary>Advisory lock key of migrations ("vigil-migrate").</summary>
    private const long MigrationLock = 0x7669_6769_6C6D_6967;

    private const string Create = $$"""
        CREATE TABLE IF NOT EXISTS models (
            name text PRIMARY KEY, schema_json text NOT NULL, created_at bigint NOT NULL, updated_at bigint NOT NULL);
        CREATE TABLE IF NOT EXISTS reference_profiles (
            model text NOT NULL, version text NOT NULL, profile bytea NOT NULL, created_at bigint NOT NULL,
            PRIMARY KEY (model, version));
        CREATE TABLE IF NOT EXISTS predictions (
            model text NOT NULL, id text NOT NULL, ts bigint NOT NULL, version text NOT NULL, variant text NOT NULL,
            raw bytea NOT NULL, PRIMARY KEY (model, id));
        {{HourIndex}}
        CREATE TABLE IF NOT EXISTS labels (
            model text NOT NULL, id text NOT NULL, label text NULL, value double precision NULL, ts bigint NOT NULL,
            joined boolean NOT NULL DEFAULT false, PRIMARY KEY (model, id));
        CREATE INDEX IF NOT EXISTS labels_unjoined ON labels (model, id) WHERE NOT joined;
        CREATE TABLE IF NOT EXISTS windows (
            seq bigserial PRIMARY KEY, model text NOT NULL, version text NOT NULL, variant text NOT NULL,
            segment text NOT NULL, start bigint NOT NULL, profile bytea NOT NULL);
        CREATE INDEX IF NOT EXISTS windows_key ON windows (model, segment, start, version, variant);
        CREATE TABLE IF NOT EXISTS rejects (
            model text NOT NULL, version text NOT NULL, variant text NOT NULL, start bigint NOT NULL, count bigint NOT NULL);
        CREATE INDEX IF NOT EXISTS rejects_key ON rejects (model, start);
        CREATE TABLE IF NOT EXISTS pipeline_runs (
            pipeline text NOT NULL, id text NOT NULL, scheduled_at bigint NOT NULL, completed_at bigint NULL,
            rows bigint NOT NULL, violations bigint NOT NULL, PRIMARY KEY (pipeline, id));
        CREATE INDEX IF NOT EXISTS pipeline_runs_time ON pipeline_runs (pipeline, scheduled_at);
        CREATE TABLE IF NOT EXISTS api_keys (
            id text PRIMARY KEY, name text NOT NULL, scopes text NOT NULL, secret_hash bytea NOT NULL,
            created_at bigint NOT NULL, revoked_at bigint NULL);
        """;

    /// <summary>Creates or upgrades the tables; a no-op when the database is current.</summary>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var c = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@k)", c, tx))
        {
            lockCmd.Parameters.AddWithValue("k", MigrationLock);
            await lockCmd.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var table = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS schema_version (version int NOT NULL)", c, tx))
        {
            await table.ExecuteNonQueryAsync(cancellationToken);
        }

        int current;
        await using (var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", c, tx))
        {
            current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        if (current > Version)
        {
            throw new InvalidOperationException(
                $"the PostgreSQL database {c.Database} has schema version {current}, newer than this build ({Version}); upgrade vigil.");
        }

        if (current < Version)
        {
            if (current == 0)
            {
                await using var create = new NpgsqlCommand(Create, c, tx);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            else
            {
                for (var v = current; v < Version; v++)
                {
                    await using var upgrade = new NpgsqlCommand(Upgrades[v - 1], c, tx);
                    await upgrade.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            await using var mark = new NpgsqlCommand("DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES (@v)", c, tx);
            mark.Parameters.AddWithValue("v", Version);
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
    }
}
