namespace Vigil.IngestBench;

/// <summary>One store's sustained-ingest result (one JSON line on standard output).</summary>
internal sealed record IngestReport(
    string Store,
    int Connections,
    int BatchSize,
    double EventBytes,
    double Seconds,
    long Events,
    double EventsPerSecond,
    int Requests,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs,
    int Failures,
    int Unavailable);
