using System.Globalization;
using Npgsql;

namespace Vigil.Storage.Postgres;

/// <summary>
/// The registry's PostgreSQL tables (version 1), beside <see cref="PostgresSchema"/>'s with their own version table
/// (<c>registry_schema_version</c>). Times are Unix milliseconds in <c>bigint</c>; tags, artifacts, event filters
/// and every JSON document are <c>text</c>, so they read back byte for byte (audit hashes cover them). Migration
/// runs under its own transaction-scoped advisory lock.
/// </summary>
internal static class PostgresRegistrySchema
{
    public const int Version = 1;

    /// <summary>Advisory lock key of registry migrations ("vigilrgm").</summary>
    private const long MigrationLock = 0x7669_6769_6C72_676D;

    private const string Create = """
        CREATE TABLE IF NOT EXISTS registry_models (
            name text PRIMARY KEY, description text NOT NULL, tags text NOT NULL, policy_json text NULL,
            created_at bigint NOT NULL, updated_at bigint NOT NULL);
        CREATE TABLE IF NOT EXISTS registry_versions (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, model text NOT NULL, version text NOT NULL,
            description text NOT NULL, tags text NOT NULL, metadata_json text NOT NULL, parent_version text NULL,
            training_data text NULL, status text NOT NULL, stage text NOT NULL, stage_since bigint NOT NULL,
            artifacts text NOT NULL, created_at bigint NOT NULL, created_by text NOT NULL, UNIQUE (model, version));
        CREATE TABLE IF NOT EXISTS registry_aliases (
            model text NOT NULL, alias text NOT NULL, version text NOT NULL, updated_at bigint NOT NULL,
            PRIMARY KEY (model, alias));
        CREATE TABLE IF NOT EXISTS registry_approvals (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, model text NOT NULL, version text NOT NULL,
            target text NOT NULL, approved_by text NOT NULL, comment text NULL, at bigint NOT NULL);
        CREATE INDEX IF NOT EXISTS registry_approvals_model ON registry_approvals (model, id);
        CREATE TABLE IF NOT EXISTS registry_production (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, model text NOT NULL, version text NOT NULL, at bigint NOT NULL);
        CREATE INDEX IF NOT EXISTS registry_production_model ON registry_production (model, id);
        CREATE TABLE IF NOT EXISTS registry_baselines (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, model text NOT NULL, version text NOT NULL,
            at bigint NOT NULL, eval_run_id text NULL, metrics_json text NULL, reference_profile bytea NULL);
        CREATE INDEX IF NOT EXISTS registry_baselines_model ON registry_baselines (model, id);
        CREATE TABLE IF NOT EXISTS registry_audit (
            seq bigint PRIMARY KEY, at bigint NOT NULL, actor text NOT NULL, model text NOT NULL, version text NULL,
            action text NOT NULL, reason text NULL, before_json text NULL, after_json text NULL,
            prev_hash text NOT NULL, hash text NOT NULL);
        CREATE INDEX IF NOT EXISTS registry_audit_model ON registry_audit (model, seq);
        CREATE INDEX IF NOT EXISTS registry_audit_time ON registry_audit (at);
        CREATE TABLE IF NOT EXISTS eval_runs (
            id text PRIMARY KEY, model text NOT NULL, version text NOT NULL, golden_set text NULL,
            dataset_sha256 text NOT NULL, task text NOT NULL, passed boolean NOT NULL, config_json text NOT NULL,
            result_json text NOT NULL, created_at bigint NOT NULL, created_by text NOT NULL);
        CREATE INDEX IF NOT EXISTS eval_runs_model ON eval_runs (model, version, created_at);
        CREATE INDEX IF NOT EXISTS eval_runs_created ON eval_runs (model, created_at);
        CREATE TABLE IF NOT EXISTS golden_sets (
            name text NOT NULL, sha256 text NOT NULL, items bigint NOT NULL, size bigint NOT NULL,
            description text NULL, created_at bigint NOT NULL, created_by text NOT NULL, PRIMARY KEY (name, sha256));
        CREATE INDEX IF NOT EXISTS golden_sets_created ON golden_sets (name, created_at);
        CREATE TABLE IF NOT EXISTS webhooks (
            id text PRIMARY KEY, url text NOT NULL, secret text NOT NULL, model text NULL, events text NOT NULL,
            created_at bigint NOT NULL, created_by text NOT NULL);
        CREATE TABLE IF NOT EXISTS webhook_deliveries (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, webhook_id text NOT NULL, url text NOT NULL,
            event_type text NOT NULL, payload_json text NOT NULL, attempts integer NOT NULL, status text NOT NULL,
            next_attempt_at bigint NOT NULL, last_status_code integer NULL, last_error text NULL,
            created_at bigint NOT NULL, delivered_at bigint NULL);
        CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
        CREATE INDEX IF NOT EXISTS webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);
        CREATE TABLE IF NOT EXISTS webhook_attempts (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, delivery_id bigint NOT NULL, at bigint NOT NULL,
            status_code integer NULL, error text NULL, duration_ms double precision NOT NULL, status text NOT NULL,
            next_attempt_at bigint NOT NULL);
        CREATE INDEX IF NOT EXISTS webhook_attempts_delivery ON webhook_attempts (delivery_id, id);
        """;

    /// <summary>Creates or upgrades the registry tables; a no-op when the database is current.</summary>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var c = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@k)", c, tx))
        {
            lockCmd.Parameters.Add(new NpgsqlParameter<long>("k", MigrationLock));
            await lockCmd.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var table = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS registry_schema_version (version int NOT NULL)", c, tx))
        {
            await table.ExecuteNonQueryAsync(cancellationToken);
        }

        int current;
        await using (var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM registry_schema_version", c, tx))
        {
            current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        if (current > Version)
        {
            throw new InvalidOperationException(
                $"the PostgreSQL database {c.Database} has registry schema version {current}, newer than this build ({Version}); upgrade vigil.");
        }

        if (current < Version)
        {
            await using (var create = new NpgsqlCommand(Create, c, tx))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var mark = new NpgsqlCommand("DELETE FROM registry_schema_version; INSERT INTO registry_schema_version (version) VALUES (@v)", c, tx);
            mark.Parameters.Add(new NpgsqlParameter<int>("v", Version));
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
    }
}
