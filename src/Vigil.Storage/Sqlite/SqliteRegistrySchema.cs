namespace Vigil.Storage.Sqlite;

/// <summary>
/// The registry's SQLite tables (version 1), in the same <c>vigil.db</c> as <see cref="SqliteSchema"/> but with
/// their own version table (<c>registry_schema_version</c>), so the two migrate independently. Times are Unix
/// milliseconds; tags, artifacts and event filters are JSON text.
/// </summary>
internal static class SqliteRegistrySchema
{
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS registry_schema_version (version INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS registry_models (
            name TEXT PRIMARY KEY, description TEXT NOT NULL, tags TEXT NOT NULL, policy_json TEXT NULL,
            created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS registry_versions (
            id INTEGER PRIMARY KEY AUTOINCREMENT, model TEXT NOT NULL, version TEXT NOT NULL, description TEXT NOT NULL,
            tags TEXT NOT NULL, metadata_json TEXT NOT NULL, parent_version TEXT NULL, training_data TEXT NULL,
            status TEXT NOT NULL, stage TEXT NOT NULL, stage_since INTEGER NOT NULL, artifacts TEXT NOT NULL,
            created_at INTEGER NOT NULL, created_by TEXT NOT NULL, UNIQUE (model, version));
        CREATE TABLE IF NOT EXISTS registry_aliases (
            model TEXT NOT NULL, alias TEXT NOT NULL, version TEXT NOT NULL, updated_at INTEGER NOT NULL,
            PRIMARY KEY (model, alias)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS registry_approvals (
            id INTEGER PRIMARY KEY AUTOINCREMENT, model TEXT NOT NULL, version TEXT NOT NULL, target TEXT NOT NULL,
            approved_by TEXT NOT NULL, comment TEXT NULL, at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS registry_approvals_model ON registry_approvals (model, id);
        CREATE TABLE IF NOT EXISTS registry_production (
            id INTEGER PRIMARY KEY AUTOINCREMENT, model TEXT NOT NULL, version TEXT NOT NULL, at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS registry_production_model ON registry_production (model, id);
        CREATE TABLE IF NOT EXISTS registry_baselines (
            id INTEGER PRIMARY KEY AUTOINCREMENT, model TEXT NOT NULL, version TEXT NOT NULL, at INTEGER NOT NULL,
            eval_run_id TEXT NULL, metrics_json TEXT NULL, reference_profile BLOB NULL);
        CREATE INDEX IF NOT EXISTS registry_baselines_model ON registry_baselines (model, id);
        CREATE TABLE IF NOT EXISTS registry_audit (
            seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL, model TEXT NOT NULL, version TEXT NULL,
            action TEXT NOT NULL, reason TEXT NULL, before_json TEXT NULL, after_json TEXT NULL,
            prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS registry_audit_model ON registry_audit (model, seq);
        CREATE INDEX IF NOT EXISTS registry_audit_time ON registry_audit (at);
        CREATE TABLE IF NOT EXISTS eval_runs (
            id TEXT PRIMARY KEY, model TEXT NOT NULL, version TEXT NOT NULL, golden_set TEXT NULL,
            dataset_sha256 TEXT NOT NULL, task TEXT NOT NULL, passed INTEGER NOT NULL, config_json TEXT NOT NULL,
            result_json TEXT NOT NULL, created_at INTEGER NOT NULL, created_by TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS eval_runs_model ON eval_runs (model, version, created_at);
        CREATE INDEX IF NOT EXISTS eval_runs_created ON eval_runs (model, created_at);
        CREATE TABLE IF NOT EXISTS golden_sets (
            name TEXT NOT NULL, sha256 TEXT NOT NULL, items INTEGER NOT NULL, size INTEGER NOT NULL,
            description TEXT NULL, created_at INTEGER NOT NULL, created_by TEXT NOT NULL,
            PRIMARY KEY (name, sha256)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS golden_sets_created ON golden_sets (name, created_at);
        CREATE TABLE IF NOT EXISTS webhooks (
            id TEXT PRIMARY KEY, url TEXT NOT NULL, secret TEXT NOT NULL, model TEXT NULL, events TEXT NOT NULL,
            created_at INTEGER NOT NULL, created_by TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS webhook_deliveries (
            id INTEGER PRIMARY KEY AUTOINCREMENT, webhook_id TEXT NOT NULL, url TEXT NOT NULL, event_type TEXT NOT NULL,
            payload_json TEXT NOT NULL, attempts INTEGER NOT NULL, status TEXT NOT NULL, next_attempt_at INTEGER NOT NULL,
            last_status_code INTEGER NULL, last_error TEXT NULL, created_at INTEGER NOT NULL, delivered_at INTEGER NULL);
        CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
        CREATE INDEX IF NOT EXISTS webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);
        CREATE TABLE IF NOT EXISTS webhook_attempts (
            id INTEGER PRIMARY KEY AUTOINCREMENT, delivery_id INTEGER NOT NULL, at INTEGER NOT NULL,
            status_code INTEGER NULL, error TEXT NULL, duration_ms REAL NOT NULL, status TEXT NOT NULL,
            next_attempt_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS webhook_attempts_delivery ON webhook_attempts (delivery_id, id);
        """;
}
