namespace Vigil.IngestBench;

/// <summary>One store's drift-query result (one JSON line on standard output).</summary>
internal sealed record DriftReport(
    string Store,
    int Days,
    int Points,
    int Features,
    long ResponseBytes,
    double ColdMs,
    double WarmMedianMs,
    double WarmP95Ms,
    int WarmQueries);
