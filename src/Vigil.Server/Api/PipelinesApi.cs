using Microsoft.Extensions.Options;
using Vigil.Core.Events;
using Vigil.Core.Models;
using Vigil.Server.Auth;
using Vigil.Server.Hosting;
using Vigil.Server.Ingest;
using Vigil.Server.Queries;
using Vigil.Statistics;
using Vigil.Storage;

namespace Vigil.Server.Api;

/// <summary>Pipeline runs: ingest and health (freshness lag, on-time share, schema failure rate).</summary>
internal static class PipelinesApi
{
    public static void MapPipelinesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/pipelines/{pipeline}").WithTags("Pipelines");
        group.MapPost("/runs", PostRuns).RequireScope("ingest").WithName("PostPipelineRuns")
            .WithSummary("Record pipeline runs (scheduled_at, completed_at, rows, schema_violations); idempotent by id.")
            .Accepts<IReadOnlyList<object>>("application/json", "application/x-ndjson")
            .Produces<IngestResponse>().Produces<IngestResponse>(422).ProducesProblem(400).ProducesProblem(413);
        group.MapGet("/health", Health).RequireScope("read").WithName("GetPipelineHealth")
            .WithSummary("Freshness lag, on-time share (completed within tolerance of schedule) and schema failure rate.")
            .Produces<PipelineHealthResponse>().ProducesProblem(400);
    }

    private static async Task<IResult> PostRuns(string pipeline, bool? atomic, HttpRequest request, IVigilStore store, IngestMetrics metrics, IOptions<ServerOptions> options, CancellationToken ct)
    {
        if (!Names.IsValid(pipeline))
        {
            return Problems.BadRequest($"pipeline: '{pipeline}' is not a valid name.");
        }

        var (rows, problem) = await IngestApi.ReadRowsAsync(request, options.Value.MaxBodyBytes, ct);
        if (problem is not null)
        {
            return problem;
        }

        var runs = new List<PipelineRun>();
        var errors = new List<RowError>();
        for (var i = 0; i < rows!.Count; i++)
        {
            var run = PipelineRunParser.Parse(rows[i], i, out var error);
            if (run is null)
            {
                errors.Add(error!);
            }
            else
            {
                runs.Add(run);
            }
        }

        if ((atomic == true && errors.Count > 0) || (runs.Count == 0 && errors.Count > 0))
        {
            metrics.Rows.Add(errors.Count, [new("kind", "pipeline_run"), new("outcome", "rejected")]);
            return TypedResults.Json(new IngestResponse(0, errors.Count, 0, 0, errors.Take(1000).ToList()), statusCode: 422);
        }

        var inserted = runs.Count == 0 ? [] : await store.InsertPipelineRunsAsync(pipeline, runs, ct);
        var accepted = inserted.Count(b => b);
        metrics.Rows.Add(accepted, [new("kind", "pipeline_run"), new("outcome", "accepted")]);
        return TypedResults.Ok(new IngestResponse(accepted, errors.Count, runs.Count - accepted, 0, errors.Take(1000).ToList()));
    }

    private static async Task<IResult> Health(string pipeline, string? from, string? to, string? tolerance, IVigilStore store, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!TryTime(to, now, out var end) || !TryTime(from, end - TimeSpan.FromDays(7), out var start) || end <= start)
        {
            return Problems.BadRequest("from/to: ISO 8601 times with from before to.");
        }

        var allowed = TimeSpan.Zero;
        if (tolerance is not null && (!QueryRange.TryDuration(tolerance, out allowed) || allowed < TimeSpan.Zero))
        {
            return Problems.BadRequest($"tolerance: '{tolerance}' is not a duration such as 15m, 1h or PT30M.");
        }

        var runs = await store.GetPipelineRunsAsync(pipeline, start, end, ct);
        var last = await store.GetLastCompletedRunAsync(pipeline, ct);
        var dtos = runs.Select(r =>
        {
            var delay = r.CompletedAt is { } c ? (c - r.ScheduledAt).TotalSeconds : (double?)null;
            return new PipelineRunDto(r.Id, r.ScheduledAt, r.CompletedAt, delay, delay is { } d && d <= allowed.TotalSeconds, r.Rows, r.SchemaViolations);
        }).ToList();
        var delays = dtos.Where(d => d.DelaySeconds is not null).Select(d => d.DelaySeconds!.Value).Order().ToArray();
        var due = dtos.Count(d => d.ScheduledAt + allowed <= now || d.CompletedAt is not null);
        var onTime = dtos.Count(d => d.OnTime);
        var rowsTotal = runs.Sum(r => r.Rows);
        var violations = runs.Sum(r => r.SchemaViolations);
        return TypedResults.Ok(new PipelineHealthResponse(
            pipeline, start, end, allowed.TotalSeconds, runs.Count, delays.Length, onTime,
            due == 0 ? null : (double)onTime / due,
            last is null ? null : (now - last.ScheduledAt).TotalSeconds,
            last?.CompletedAt,
            delays.Length == 0 ? null : Percentiles.Linear(delays, 50),
            delays.Length == 0 ? null : Percentiles.Linear(delays, 95),
            rowsTotal, violations, rowsTotal == 0 ? null : (double)violations / rowsTotal, dtos));
    }

    private static bool TryTime(string? s, DateTimeOffset fallback, out DateTimeOffset t)
    {
        t = fallback;
        return s is null || DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out t);
    }
}
