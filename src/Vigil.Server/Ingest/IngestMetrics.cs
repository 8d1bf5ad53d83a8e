using System.Diagnostics.Metrics;

namespace Vigil.Server.Ingest;

/// <summary>The server's own health metrics (meter "Vigil.Server"), exported on /metrics.</summary>
internal sealed class IngestMetrics : IDisposable
{
    public const string MeterName = "Vigil.Server";
    private readonly Meter _meter = new(MeterName);

    public IngestMetrics()
    {
        Rows = _meter.CreateCounter<long>("vigil.ingest.rows", "{row}", "Rows received by ingest, by kind (prediction, label, pipeline_run) and outcome (accepted, rejected, duplicate).");
        Commits = _meter.CreateHistogram<double>("vigil.store.commit.duration", "ms", "Time to write and commit one ingest transaction.");
        QueryDuration = _meter.CreateHistogram<double>("vigil.query.duration", "ms", "Time to answer a query, by route.");
        Joins = _meter.CreateCounter<long>("vigil.labels.joined", "{label}", "Labels joined to their predictions.");
        Failures = _meter.CreateCounter<long>("vigil.store.failures", "{failure}", "Store operations that failed, by operation.");
    }

    public Counter<long> Rows { get; }

    public Histogram<double> Commits { get; }

    public Histogram<double> QueryDuration { get; }

    public Counter<long> Joins { get; }

    public Counter<long> Failures { get; }

    public void ObserveQueue(Func<int> depth) =>
        _meter.CreateObservableGauge("vigil.ingest.queue.depth", depth, "{batch}", "Ingest batches validated and waiting for the writer.");

    public void Dispose() => _meter.Dispose();
}
