namespace Vigil.Storage.Sqlite;

/// <summary>The SQLite tables (version 1). Times are Unix milliseconds.</summary>
/// <remarks>
/// Every statement is idempotent and runs at each start, so older databases are upgraded in place. Raw
/// predictions carry one time index, <c>predictions_hour</c> on the model and the hour of the timestamp
/// (<see cref="RawHours"/>), serving both retention and rebuilds of a model's range. The former
/// <c>predictions_ts (model, ts)</c> and <c>predictions_age (ts)</c> are dropped.
/// </remarks>
internal static class SqliteSchema
{
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS models (
            name TEXT PRIMARY KEY, schema_json TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS reference_profiles (
            model TEXT NOT NULL, version TEXT NOT NULL, profile BLOB NOT NULL, created_at INTEGER NOT NULL,
            PRIMARY KEY (model, version)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS predictions (
            model TEXT NOT NULL, id TEXT NOT NULL, ts INTEGER NOT NULL, version TEXT NOT NULL, variant TEXT NOT NULL, raw BLOB NOT NULL,
            PRIMARY KEY (model, id)) WITHOUT ROWID;
        DROP INDEX IF EXISTS predictions_ts;
        DROP INDEX IF EXISTS predictions_age;
        CREATE INDEX IF NOT EXISTS predictions_hour ON predictions (model, ts / 3600000);
        CREATE TABLE IF NOT EXISTS labels (
            model TEXT NOT NULL, id TEXT NOT NULL, label TEXT NULL, value REAL NULL, ts INTEGER NOT NULL, joined INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (model, id)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS labels_unjoined ON labels (model, id) WHERE joined = 0;
        CREATE TABLE IF NOT EXISTS windows (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, model TEXT NOT NULL, version TEXT NOT NULL, variant TEXT NOT NULL,
            segment TEXT NOT NULL, start INTEGER NOT NULL, profile BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS windows_key ON windows (model, segment, start, version, variant);
        CREATE TABLE IF NOT EXISTS rejects (
            model TEXT NOT NULL, version TEXT NOT NULL, variant TEXT NOT NULL, start INTEGER NOT NULL, count INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS rejects_key ON rejects (model, start);
        CREATE TABLE IF NOT EXISTS pipeline_runs (
            pipeline TEXT NOT NULL, id TEXT NOT NULL, scheduled_at INTEGER NOT NULL, completed_at INTEGER NULL,
            rows INTEGER NOT NULL, violations INTEGER NOT NULL, PRIMARY KEY (pipeline, id)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS pipeline_runs_time ON pipeline_runs (pipeline, scheduled_at);
        CREATE TABLE IF NOT EXISTS api_keys (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, scopes TEXT NOT NULL, secret_hash BLOB NOT NULL,
            created_at INTEGER NOT NULL, revoked_at INTEGER NULL);
        """;
}
