using Microsoft.Extensions.Options;
using Vigil.Core.Events;
using Vigil.Core.Models;
using Vigil.Core.Windows;
using Vigil.Server.Auth;
using Vigil.Server.Hosting;
using Vigil.Server.Ingest;
using Vigil.Storage;

namespace Vigil.Server.Api;

/// <summary>Ingest of predictions and labels (JSON array or JSON Lines bodies).</summary>
internal static class IngestApi
{
    private const int ListedErrors = 1000;

    public static void MapIngestApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/models/{model}").RequireScope("ingest").WithTags("Ingest");
        group.MapPost("/predictions", PostPredictions).WithName("PostPredictions")
            .WithSummary("Ingest prediction events; bad rows are rejected with index, field and reason (or the whole batch with atomic=true).")
            .Accepts<IReadOnlyList<object>>("application/json", "application/x-ndjson")
            .Produces<IngestResponse>().Produces<IngestResponse>(422).ProducesProblem(400).ProducesProblem(404).ProducesProblem(413).ProducesProblem(503);
        group.MapPost("/labels", PostLabels).WithName("PostLabels")
            .WithSummary("Ingest labels (id, label, timestamp), joined to their predictions whenever both have arrived.")
            .Accepts<IReadOnlyList<object>>("application/json", "application/x-ndjson")
            .Produces<IngestResponse>().Produces<IngestResponse>(422).ProducesProblem(400).ProducesProblem(404).ProducesProblem(413).ProducesProblem(503);
    }

    private static async Task<IResult> PostPredictions(string model, bool? atomic, HttpRequest request, SchemaCache schemas, IngestWriter writer, IngestMetrics metrics, IOptions<ServerOptions> options, TimeProvider time, CancellationToken ct)
    {
        var parsers = await schemas.ParsersAsync(model, ct);
        if (parsers is null)
        {
            return Problems.NotFound($"model '{model}' does not exist; create it with PUT /api/v1/models/{model}.");
        }

        var (schema, parser, _) = parsers.Value;
        using var body = await PooledBody.ReadAsync(request, options.Value.MaxBodyBytes, ct);
        if (body is null)
        {
            return Problems.TooLarge(options.Value.MaxBodyBytes);
        }

        // The events' raw rows are slices of the pooled body: it is returned only after the writer is done with them.
        var rows = SplitRows(body.Memory);
        if (rows.Problem is not null)
        {
            return rows.Problem;
        }

        var (work, errors) = Validate(schema, parser, rows.Rows!, time.GetUtcNow());
        if (atomic == true && errors.Count > 0)
        {
            metrics.Rows.Add(rows.Rows!.Count, Tag("prediction", "rejected"));
            return Rejected(0, errors, 0);
        }

        return await SubmitAsync(work, writer, metrics, "prediction", errors);
    }

    /// <summary>
    /// Parses and validates the rows and builds their window deltas (here, in parallel across requests, rather than
    /// by the single writer). The parsed events are dropped once counted: the work keeps only the rows to store, so
    /// what waits for the commit is small and dies young.
    /// </summary>
    private static (PredictionWork Work, List<RowError> Errors) Validate(ModelSchema schema, PredictionParser parser, List<ReadOnlyMemory<byte>> rows, DateTimeOffset now)
    {
        var records = new List<PredictionRecord>(rows.Count);
        var errors = new List<RowError>();
        var windows = new WindowProfileBuilder(schema);
        for (var i = 0; i < rows.Count; i++)
        {
            var e = parser.Parse(rows[i], i, out var error);
            if (e is null)
            {
                errors.Add(error!);
            }
            else
            {
                windows.AddPrediction(e);
                records.Add(new PredictionRecord(e.Id, e.Timestamp.ToUnixTimeMilliseconds(), e.Version, e.Variant, e.Raw));
            }
        }

        // A rejected row counts in the window of its own timestamp when readable (else of its arrival), so the
        // schema failure rate lines up with the traffic it belongs to, backfills included.
        var rejectWindows = new Dictionary<DateTimeOffset, long>();
        foreach (var error in errors)
        {
            var at = JsonBatch.TryReadTimestamp(rows[error.Index], out var t) && t <= now + TimeSpan.FromDays(1) ? t : now;
            var window = WindowKey.Align(at, schema.Window);
            rejectWindows[window] = rejectWindows.GetValueOrDefault(window) + 1;
        }

        var rejects = rejectWindows.Select(r => new RejectCount(string.Empty, string.Empty, r.Key, r.Value)).ToList();
        return (new PredictionWork(schema, records, rejects, windows), errors);
    }

    private static async Task<IResult> PostLabels(string model, bool? atomic, HttpRequest request, SchemaCache schemas, IngestWriter writer, IngestMetrics metrics, IOptions<ServerOptions> options, CancellationToken ct)
    {
        var parsers = await schemas.ParsersAsync(model, ct);
        if (parsers is null)
        {
            return Problems.NotFound($"model '{model}' does not exist; create it with PUT /api/v1/models/{model}.");
        }

        var (schema, _, parser) = parsers.Value;
        var rows = await ReadRowsAsync(request, options.Value.MaxBodyBytes, ct);
        if (rows.Problem is not null)
        {
            return rows.Problem;
        }

        var labels = new List<LabelEvent>(rows.Rows!.Count);
        var errors = new List<RowError>();
        for (var i = 0; i < rows.Rows.Count; i++)
        {
            var l = parser.Parse(rows.Rows[i], i, out var error);
            if (l is null)
            {
                errors.Add(error!);
            }
            else
            {
                labels.Add(l);
            }
        }

        if (atomic == true && errors.Count > 0)
        {
            metrics.Rows.Add(rows.Rows.Count, Tag("label", "rejected"));
            return Rejected(0, errors, 0);
        }

        return await SubmitAsync(new LabelWork(schema, labels), writer, metrics, "label", errors);
    }

    private static async Task<IResult> SubmitAsync(IngestWork work, IngestWriter writer, IngestMetrics metrics, string kind, List<RowError> errors)
    {
        if (work.Size == 0 && work is not PredictionWork { Rejects.Count: > 0 })
        {
            return errors.Count > 0 ? Rejected(0, errors, 0) : TypedResults.Ok(new IngestResponse(0, 0, 0, 0, []));
        }

        if (!writer.TryEnqueue(work))
        {
            return Problems.Unavailable("the ingest queue is full; retry after a second (the batch was not stored).", 1);
        }

        IngestCounts counts;
        try
        {
            counts = await work.Done.Task;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Problems.Unavailable("the store could not commit the batch; nothing of it was stored. Retry: ingest is idempotent by event id.", 2);
        }

        metrics.Rows.Add(counts.Accepted, Tag(kind, "accepted"));
        metrics.Rows.Add(counts.Duplicates, Tag(kind, "duplicate"));
        metrics.Rows.Add(errors.Count, Tag(kind, "rejected"));
        if (counts.Accepted == 0 && counts.Duplicates == 0 && errors.Count > 0)
        {
            return Rejected(0, errors, counts.Joined);
        }

        return TypedResults.Ok(new IngestResponse(counts.Accepted, errors.Count, counts.Duplicates, counts.Joined, errors.Take(ListedErrors).ToList()));
    }

    private static IResult Rejected(int accepted, List<RowError> errors, int joined) =>
        TypedResults.Json(new IngestResponse(accepted, errors.Count, 0, joined, errors.Take(ListedErrors).ToList()), statusCode: 422);

    internal static async Task<(List<ReadOnlyMemory<byte>>? Rows, IResult? Problem)> ReadRowsAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        var body = await BodyReader.ReadAsync(request, limit, ct);
        return body is null ? (null, Problems.TooLarge(limit)) : SplitRows(body.Value);
    }

    private static (List<ReadOnlyMemory<byte>>? Rows, IResult? Problem) SplitRows(ReadOnlyMemory<byte> body)
    {
        var rows = JsonBatch.Split(body, out var error);
        return rows is null ? (null, Problems.BadRequest(error!)) : (rows, null);
    }

    private static KeyValuePair<string, object?>[] Tag(string kind, string outcome) => [new("kind", kind), new("outcome", outcome)];
}
