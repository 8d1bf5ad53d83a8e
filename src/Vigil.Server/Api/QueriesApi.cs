using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Vigil.Core.Models;
using Vigil.Core.Windows;
using Vigil.Server.Auth;
using Vigil.Server.Ingest;
using Vigil.Server.Queries;
using Vigil.Statistics.Drift;
using Vigil.Storage;

namespace Vigil.Server.Api;

/// <summary>Time-series queries composed by merging window profiles: drift, performance, latency, traffic.</summary>
internal static class QueriesApi
{
    public static void MapQueriesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/models/{model}").RequireScope("read").WithTags("Queries");
        group.MapGet("/drift", Drift).WithName("GetDrift")
            .WithSummary("Per-feature and prediction drift against a version's reference (or reference=VERSION, or reference=baseline: the registry's release baseline), as a time series.")
            .Produces<DriftResponse>().ProducesProblem(400).ProducesProblem(404);
        group.MapGet("/performance", Performance).WithName("GetPerformance")
            .WithSummary("Realized performance per step over the labels that have arrived.")
            .Produces<PerformanceResponse>().ProducesProblem(400).ProducesProblem(404);
        group.MapGet("/latency", Latency).WithName("GetLatency")
            .WithSummary("Latency p50/p95/p99 per version and stage, with volume and error rate.")
            .Produces<LatencyResponse>().ProducesProblem(400).ProducesProblem(404);
        group.MapGet("/traffic", Traffic).WithName("GetTraffic")
            .WithSummary("Volume, error rate and schema validation failure rate per step.")
            .Produces<TrafficResponse>().ProducesProblem(400).ProducesProblem(404);
    }

    /// <summary><c>reference=baseline</c>: the reference profile snapshotted when the current Production version was promoted.</summary>
    private const string BaselineReference = "baseline";

    private static async Task<IResult> Drift(
        string model, [AsParameters] QueryParameters q, string? method, string? num_method, string? cat_method, double? threshold, string? reference,
        IVigilStore store, DriftPointCache cache, Storage.Registry.IRegistryStore registry, SchemaCache schemas, IngestMetrics metrics, TimeProvider time, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var (schema, range, problem) = await PrepareAsync(model, q, schemas, time, ct);
        if (problem is not null)
        {
            return problem;
        }

        foreach (var (name, value) in new[] { ("method", method), ("num_method", num_method), ("cat_method", cat_method) })
        {
            if (value is not null && !DriftMethods.TryGet(value, out _))
            {
                return Problems.BadRequest($"{name}: '{value}' is not a drift method ({string.Join(", ", DriftMethods.Names.Distinct())}).");
            }
        }

        if (threshold is { } t && (!double.IsFinite(t) || t <= 0))
        {
            return Problems.BadRequest("threshold: must be a positive number.");
        }

        var options = new DriftOptions { Method = method, NumericalMethod = num_method, CategoricalMethod = cat_method, Threshold = threshold };
        var query = new DriftQuery(store, cache, model, range!, options);
        if (reference == BaselineReference)
        {
            if ((await registry.GetBaselineAsync(model, ct))?.ReferenceProfile is not { } baseline)
            {
                return Problems.NotFound($"model '{model}' has no release baseline with a reference profile: one is snapshotted when a version with a reference is promoted to production.");
            }

            query.References[BaselineReference] = (ReferenceProfileCache.Read(baseline, out var baselineFingerprint), baselineFingerprint);
        }

        var (result, failure) = await query.RunAsync(schema!, reference, required: reference is not null || q.Version is not null, ct);
        if (failure is not null)
        {
            return failure;
        }

        metrics.QueryDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("route", "drift"));
        return new DriftJsonResult(new DriftResponse(model, range!.From, range.To, StepName(range), q.Segment, []), result!, cache.JsonOptions);
    }

    private static async Task<IResult> Performance(string model, [AsParameters] QueryParameters q, IVigilStore store, SchemaCache schemas, TimeProvider time, CancellationToken ct)
    {
        var (schema, range, problem) = await PrepareAsync(model, q, schemas, time, ct);
        if (problem is not null)
        {
            return problem;
        }

        var series = await WindowSeries.LoadAsync(store, model, range!, ct);
        var result = series.Select(s => new PerformanceSeries(s.Key.Version, s.Key.Variant, [.. s.Value.Select(b =>
        {
            var labelled = b.Value.Performance?.Count ?? 0;
            return new PerformancePoint(b.Key, range!.BucketEnd(b.Key), b.Value.Count, labelled,
                b.Value.Count == 0 ? 0 : (double)labelled / b.Value.Count,
                b.Value.Performance?.Metrics() ?? new Dictionary<string, double>());
        })])).ToList();
        return TypedResults.Ok(new PerformanceResponse(model, schema!.PredictionType.ToString().ToLowerInvariant(), range!.From, range.To, StepName(range), q.Segment, result));
    }

    private static async Task<IResult> Latency(string model, [AsParameters] QueryParameters q, IVigilStore store, SchemaCache schemas, TimeProvider time, CancellationToken ct)
    {
        var (_, range, problem) = await PrepareAsync(model, q, schemas, time, ct);
        if (problem is not null)
        {
            return problem;
        }

        var series = await WindowSeries.LoadAsync(store, model, range!, ct);
        var result = series.Select(s => new LatencySeries(s.Key.Version, s.Key.Variant, [.. s.Value.Select(b =>
        {
            var w = b.Value;
            var l = w.Latency;
            var timed = l.Count > 0;
            return new LatencyPoint(b.Key, range!.BucketEnd(b.Key), w.Count, w.Errors, w.Count == 0 ? 0 : (double)w.Errors / w.Count, l.Count,
                timed ? l.Quantile(0.5) : null, timed ? l.Quantile(0.95) : null, timed ? l.Quantile(0.99) : null,
                timed ? l.Sum / l.Count : null, timed ? l.Max : null,
                w.Stages.Where(st => st.Value.Count > 0).ToDictionary(st => st.Key, st => new StageLatency(st.Value.Count, st.Value.Quantile(0.5), st.Value.Quantile(0.95), st.Value.Quantile(0.99)), StringComparer.Ordinal));
        })])).ToList();
        return TypedResults.Ok(new LatencyResponse(model, range!.From, range.To, StepName(range), q.Segment, WindowProfile.LatencyAccuracy, result));
    }

    private static async Task<IResult> Traffic(string model, [AsParameters] QueryParameters q, IVigilStore store, SchemaCache schemas, TimeProvider time, CancellationToken ct)
    {
        var (_, range, problem) = await PrepareAsync(model, q, schemas, time, ct);
        if (problem is not null)
        {
            return problem;
        }

        var series = await WindowSeries.LoadAsync(store, model, range!, ct);
        var rejects = await store.GetRejectsAsync(model, range!.From, range.To, null, null, ct);
        var points = new SortedDictionary<DateTimeOffset, (long Count, long Errors, long Rejected)>();
        foreach (var buckets in series.Values)
        {
            foreach (var (start, w) in buckets)
            {
                var p = points.GetValueOrDefault(start);
                points[start] = (p.Count + w.Count, p.Errors + w.Errors, p.Rejected);
            }
        }

        foreach (var r in rejects)
        {
            var start = range.Bucket(r.Start);
            var p = points.GetValueOrDefault(start);
            points[start] = (p.Count, p.Errors, p.Rejected + r.Count);
        }

        var result = points.Select(p => new TrafficPoint(p.Key, range.BucketEnd(p.Key), p.Value.Count, p.Value.Errors,
            p.Value.Count == 0 ? 0 : (double)p.Value.Errors / p.Value.Count, p.Value.Rejected,
            p.Value.Count + p.Value.Rejected == 0 ? 0 : (double)p.Value.Rejected / (p.Value.Count + p.Value.Rejected))).ToList();
        return TypedResults.Ok(new TrafficResponse(model, range.From, range.To, StepName(range), result));
    }

    private static async Task<(ModelSchema? Schema, QueryRange? Range, IResult? Problem)> PrepareAsync(string model, QueryParameters q, SchemaCache schemas, TimeProvider time, CancellationToken ct)
    {
        var schema = await schemas.GetAsync(model, ct);
        if (schema is null)
        {
            return (null, null, Problems.NotFound($"model '{model}' does not exist; create it with PUT /api/v1/models/{model}."));
        }

        var range = QueryRange.Parse(schema, q.From, q.To, q.Step, q.Version, q.Variant, q.Segment, time.GetUtcNow(), out var error);
        return range is null ? (schema, null, Problems.BadRequest(error!)) : (schema, range, null);
    }

    private static string StepName(QueryRange range) => range.Step == TimeSpan.Zero ? "all" : System.Xml.XmlConvert.ToString(range.Step);
}

/// <summary>Query parameters every time-series route takes.</summary>
internal sealed class QueryParameters
{
    /// <summary>Start (ISO 8601; default: 24 hours before <c>to</c>).</summary>
    [FromQuery(Name = "from")]
    public string? From { get; init; }

    /// <summary>End (ISO 8601; default: now).</summary>
    [FromQuery(Name = "to")]
    public string? To { get; init; }

    /// <summary>Step: a multiple of the model's window (1h, 6h, 1d, PT2H) or "all"; default the window.</summary>
    [FromQuery(Name = "step")]
    public string? Step { get; init; }

    /// <summary>One model version (default: each version separately).</summary>
    [FromQuery(Name = "version")]
    public string? Version { get; init; }

    /// <summary>One variant (default: each variant separately).</summary>
    [FromQuery(Name = "variant")]
    public string? Variant { get; init; }

    /// <summary>One segment as name:value (default: all traffic).</summary>
    [FromQuery(Name = "segment")]
    public string? Segment { get; init; }
}
