using Vigil.Server.Auth;
using Vigil.Server.Registry;
using Vigil.Storage.Registry;

namespace Vigil.Server.Api;

/// <summary>Evaluation runs recorded by <c>vigil eval --record</c>, their comparison, and golden sets.</summary>
internal static class EvaluationApi
{
    public static void MapEvaluationApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1").WithTags("Evaluation");
        g.MapPost("/models/{model}/eval-runs", Record).RequireScope("ingest").WithName("RecordEvalRun")
            .WithSummary("Record an evaluation run: {version, golden_set, dataset_sha256, config, result: <vigil eval --format json>}.")
            .Produces<EvalRunDto>(201).ProducesProblem(400);
        g.MapGet("/models/{model}/eval-runs", List).RequireScope("read").WithName("ListEvalRuns")
            .WithSummary("A model's evaluation runs, newest first (version, golden_set, dataset_sha256, limit).").Produces<IReadOnlyList<EvalRunDto>>();
        g.MapGet("/eval-runs/compare", Compare).RequireScope("read").WithName("CompareEvalRuns")
            .WithSummary("Compare two runs per metric, per tag and per field: ?base=RUN&candidate=RUN.").Produces<EvalRunComparison>().ProducesProblem(404);
        g.MapGet("/eval-runs/{id}", Get).RequireScope("read").WithName("GetEvalRun").Produces<EvalRunDto>().ProducesProblem(404);
        g.MapPut("/golden-sets/{name}", PutGoldenSet).RequireScope("ingest").WithName("RegisterGoldenSet")
            .WithSummary("Register a golden set version: the JSONL file as the body (?description=); identified by its SHA-256.")
            .Accepts<byte[]>("application/x-ndjson", "*/*").Produces<GoldenSetRecord>(201).ProducesProblem(400).ProducesProblem(413);
        g.MapGet("/golden-sets", ListGoldenSets).RequireScope("read").WithName("ListGoldenSets").Produces<IReadOnlyList<GoldenSetRecord>>();
        g.MapGet("/golden-sets/{name}", GoldenSetVersions).RequireScope("read").WithName("GoldenSetVersions").Produces<IReadOnlyList<GoldenSetRecord>>().ProducesProblem(404);
        g.MapGet("/golden-sets/{name}/content", GoldenSetContent).RequireScope("read").WithName("GoldenSetContent")
            .WithSummary("Download a golden set version (?sha256=; the newest by default), checked against its hash.").ProducesProblem(404);
    }

    private static async Task<IResult> Record(string model, HttpRequest request, EvaluationService service, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<RegistryBodies.EvalRunBody>(request, "{version, golden_set, dataset_sha256, config, result}", ct);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrEmpty(body!.Version) || string.IsNullOrEmpty(body.DatasetSha256))
        {
            return Problems.BadRequest("version and dataset_sha256 are required.");
        }

        var result = await service.RecordAsync(model, body.Version, body.GoldenSet, body.DatasetSha256, body.Config, body.Result, ApiCaller.Actor(request.HttpContext), ct);
        return result.Error is { } e
            ? ApiCaller.Problem(e)
            : TypedResults.Created($"/api/v1/eval-runs/{result.Value!.Id}", EvalRunDto.Of(result.Value));
    }

    private static async Task<IResult> List(string model, HttpRequest request, IRegistryStore store, CancellationToken ct)
    {
        var q = request.Query;
        var limit = int.TryParse(q["limit"].FirstOrDefault(), out var l) && l is >= 1 and <= 1000 ? l : 100;
        var runs = await store.ListEvalRunsAsync(new EvalRunQuery(model, q["version"].FirstOrDefault(), q["golden_set"].FirstOrDefault(), q["dataset_sha256"].FirstOrDefault(), limit), ct);
        return TypedResults.Ok(runs.Select(EvalRunDto.Of).ToList());
    }

    private static async Task<IResult> Get(string id, IRegistryStore store, CancellationToken ct) =>
        await store.GetEvalRunAsync(id, ct) is { } run ? TypedResults.Ok(EvalRunDto.Of(run)) : Problems.NotFound($"no evaluation run '{id}'.");

    private static async Task<IResult> Compare(HttpRequest request, EvaluationService service, CancellationToken ct)
    {
        var a = request.Query["base"].FirstOrDefault();
        var b = request.Query["candidate"].FirstOrDefault();
        if (string.IsNullOrEmpty(a) || string.IsNullOrEmpty(b))
        {
            return Problems.BadRequest("base and candidate (evaluation run ids) are required.");
        }

        var result = await service.CompareAsync(a, b, ct);
        return result.Error is { } e ? ApiCaller.Problem(e) : TypedResults.Ok(result.Value);
    }

    private static async Task<IResult> PutGoldenSet(string name, HttpContext http, EvaluationService service, Microsoft.Extensions.Options.IOptions<Hosting.ServerOptions> options, CancellationToken ct)
    {
        ApiCaller.AllowBody(http, options.Value.MaxArtifactBytes);

        RegistryResult<(GoldenSetRecord Set, bool Created)> result;
        try
        {
            result = await service.RegisterGoldenSetAsync(name, http.Request.Body, http.Request.Query["description"].FirstOrDefault(), ApiCaller.Actor(http), ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.TooLarge(options.Value.MaxArtifactBytes);
        }

        if (result.Error is { } e)
        {
            return ApiCaller.Problem(e);
        }

        var (set, created) = result.Value;
        return created ? TypedResults.Created($"/api/v1/golden-sets/{name}/content?sha256={set.Sha256}", set) : TypedResults.Ok(set);
    }

    private static async Task<IResult> ListGoldenSets(IRegistryStore store, CancellationToken ct) => TypedResults.Ok(await store.ListGoldenSetsAsync(null, ct));

    private static async Task<IResult> GoldenSetVersions(string name, IRegistryStore store, CancellationToken ct)
    {
        var list = await store.ListGoldenSetsAsync(name, ct);
        return list.Count == 0 ? Problems.NotFound($"golden set '{name}' is not registered.") : TypedResults.Ok(list);
    }

    private static async Task<IResult> GoldenSetContent(string name, HttpRequest request, EvaluationService service, CancellationToken ct)
    {
        var sha = request.Query["sha256"].FirstOrDefault();
        if (await service.OpenGoldenSetAsync(name, sha, ct) is not var (set, content))
        {
            return Problems.NotFound(sha is null ? $"golden set '{name}' is not registered." : $"golden set '{name}' has no version {sha}.");
        }

        request.HttpContext.Response.Headers["X-Vigil-Sha256"] = set.Sha256;
        return TypedResults.Stream(content, "application/x-ndjson", $"{name}.jsonl");
    }
}
