namespace Vigil.Server.Queries;

/// <summary>Drift of each feature (and the prediction) against a version's reference, per step.</summary>
public sealed record DriftResponse(string Model, DateTimeOffset From, DateTimeOffset To, string Step, string? Segment, IReadOnlyList<DriftSeries> Series);

/// <summary>One version and variant's drift time series.</summary>
public sealed record DriftSeries(string Version, string Variant, string ReferenceVersion, IReadOnlyList<DriftPoint> Points);

/// <summary>Drift in one step.</summary>
public sealed record DriftPoint(DateTimeOffset Start, DateTimeOffset End, long Count, bool DatasetDrift, double DriftShare, int DriftedFeatures, IReadOnlyList<FeatureDrift> Features, FeatureDrift? Prediction);

/// <summary>One feature's drift verdict; approximate results carry their interval.</summary>
public sealed record FeatureDrift(string Feature, string Method, double Statistic, double? PValue, double Threshold, bool Drifted, bool Exact, double[]? StatisticInterval, double[]? PValueInterval);

/// <summary>Realized performance per step as labels arrive.</summary>
public sealed record PerformanceResponse(string Model, string PredictionType, DateTimeOffset From, DateTimeOffset To, string Step, string? Segment, IReadOnlyList<PerformanceSeries> Series);

/// <summary>One version and variant's performance series.</summary>
public sealed record PerformanceSeries(string Version, string Variant, IReadOnlyList<PerformancePoint> Points);

/// <summary>Performance in one step: predictions, how many are labelled, and the metrics over the labelled ones.</summary>
public sealed record PerformancePoint(DateTimeOffset Start, DateTimeOffset End, long Predictions, long Labelled, double LabelCoverage, IReadOnlyDictionary<string, double> Metrics);

/// <summary>Latency percentiles, volume and error rate per step.</summary>
public sealed record LatencyResponse(string Model, DateTimeOffset From, DateTimeOffset To, string Step, string? Segment, double RelativeAccuracy, IReadOnlyList<LatencySeries> Series);

/// <summary>One version and variant's latency series.</summary>
public sealed record LatencySeries(string Version, string Variant, IReadOnlyList<LatencyPoint> Points);

/// <summary>Latency in one step (milliseconds; percentiles within 1% relative error).</summary>
public sealed record LatencyPoint(DateTimeOffset Start, DateTimeOffset End, long Count, long Errors, double ErrorRate, long Timed, double? P50, double? P95, double? P99, double? Mean, double? Max, IReadOnlyDictionary<string, StageLatency> Stages);

/// <summary>One stage's latency percentiles.</summary>
public sealed record StageLatency(long Count, double P50, double P95, double P99);

/// <summary>Volume, errors and schema validation failures per step (rejects are per model: a rejected row's version is not trusted).</summary>
public sealed record TrafficResponse(string Model, DateTimeOffset From, DateTimeOffset To, string Step, IReadOnlyList<TrafficPoint> Points);

/// <summary>Traffic in one step, all versions together.</summary>
public sealed record TrafficPoint(DateTimeOffset Start, DateTimeOffset End, long Predictions, long Errors, double ErrorRate, long Rejected, double SchemaFailureRate);

/// <summary>A pipeline's freshness and delivery.</summary>
public sealed record PipelineHealthResponse(
    string Pipeline,
    DateTimeOffset From,
    DateTimeOffset To,
    double OnTimeToleranceSeconds,
    int Runs,
    int Completed,
    int OnTime,
    double? OnTimeShare,
    double? FreshnessLagSeconds,
    DateTimeOffset? LastCompletedAt,
    double? DelayP50Seconds,
    double? DelayP95Seconds,
    long Rows,
    long SchemaViolations,
    double? SchemaFailureRate,
    IReadOnlyList<PipelineRunDto> RunsList);

/// <summary>One run with its delay (completion minus schedule).</summary>
public sealed record PipelineRunDto(string Id, DateTimeOffset ScheduledAt, DateTimeOffset? CompletedAt, double? DelaySeconds, bool OnTime, long Rows, long SchemaViolations);
