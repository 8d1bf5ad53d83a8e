namespace Vigil.Storage;

/// <summary>
/// The hour bucket that indexes raw predictions in both stores (<c>predictions_hour</c> on
/// <c>(model, ts / 3600000)</c>). Traffic of the current hour lands at the end of its (model, hour) group, so the
/// index grows by appending; an index on the raw timestamp put each event at a random place among the recent
/// entries (events arrive out of order within seconds to minutes) and rewrote a random index page per event in
/// every commit (SQLite, measured by the ingest benchmark: 5.5 KB written per 630-byte event with it, 1.8 KB
/// without). Range queries add the bucket bounds to the exact <c>ts</c> bounds.
/// </summary>
internal static class RawHours
{
    /// <summary>
    /// The indexed expression, written exactly so in queries (an expression index serves only the identical
    /// expression): whole hours since the Unix epoch, rounded toward zero.
    /// </summary>
    public const string Of = "ts / 3600000";

    /// <summary>
    /// The models that have raw predictions, one index probe per model (a loose index scan of the primary key,
    /// where <c>SELECT DISTINCT</c> would read every entry); the same SQL in SQLite and PostgreSQL.
    /// </summary>
    public const string ModelsWithPredictions = """
        WITH RECURSIVE m (name) AS (
            SELECT min(model) FROM predictions
            UNION ALL
            SELECT (SELECT min(model) FROM predictions WHERE model > m.name) FROM m WHERE m.name IS NOT NULL)
        SELECT name FROM m WHERE name IS NOT NULL
        """;

    /// <summary>The bucket of a Unix-millisecond time as <see cref="Of"/> computes it (C#, SQLite and PostgreSQL integer division all truncate, so the bucket never decreases as time grows).</summary>
    public static long Hour(long unixMs) => unixMs / 3_600_000;
}
