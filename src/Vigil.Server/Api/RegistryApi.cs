using System.Text.Json;
using Vigil.Server.Auth;
using Vigil.Server.Registry;
using Vigil.Storage;
using Vigil.Storage.Artifacts;
using Vigil.Storage.Registry;

namespace Vigil.Server.Api;

/// <summary>The model registry: models, versions, artifacts, stages, aliases, approvals, rollback, audit, baselines.</summary>
internal static partial class RegistryApi
{
    public static void MapRegistryApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/registry").WithTags("Registry");
        g.MapGet("/models", ListModels).RequireScope("read").WithName("RegistryListModels").Produces<IReadOnlyList<RegistryModelDto>>();
        g.MapGet("/models/{model}", GetModel).RequireScope("read").WithName("RegistryGetModel").Produces<RegistryModelDto>().ProducesProblem(404);
        g.MapPut("/models/{model}", PutModel).RequireScope("registry").WithName("RegistryPutModel")
            .WithSummary("Register a model or update its description and tags: {description, tags}.").Produces<RegistryModelDto>().ProducesProblem(400);
        g.MapGet("/models/{model}/policy", GetPolicy).RequireScope("read").WithName("RegistryGetPolicy").ProducesProblem(404);
        g.MapPut("/models/{model}/policy", PutPolicy).RequireScope("admin").WithName("RegistryPutPolicy")
            .WithSummary("Set the promotion policy: {max_production_versions, rules: [{kind, to, ...}]}; kinds: from_stage, min_time_in_stage, approval, eval_run. 'null' restores the default.")
            .ProducesProblem(400).ProducesProblem(404);
        g.MapPost("/models/{model}/versions", CreateVersion).RequireScope("registry").WithName("RegistryCreateVersion")
            .WithSummary("Register a version: {version, description, tags, metadata, parent_version, training_data, status}.")
            .Produces<RegistryVersionDto>(201).ProducesProblem(400).ProducesProblem(409);
        g.MapGet("/models/{model}/versions/{reference}", GetVersion).RequireScope("read").WithName("RegistryGetVersion")
            .WithSummary("A version by name, alias, 'production', 'staging' or 'latest' (resolved at each request).").Produces<RegistryVersionDto>().ProducesProblem(404);
        g.MapPut("/models/{model}/versions/{version}/artifacts/{name}", UploadArtifact).RequireScope("registry").WithName("RegistryUploadArtifact")
            .WithSummary("Upload an artifact's bytes (application/octet-stream); stored by SHA-256.").Accepts<byte[]>("application/octet-stream", "*/*")
            .Produces<ArtifactRef>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(413);
        g.MapGet("/models/{model}/versions/{reference}/artifacts/{name}", DownloadArtifact).RequireScope("read").WithName("RegistryDownloadArtifact")
            .WithSummary("Download an artifact, checked against its SHA-256 first (500 when the stored bytes are corrupt).").ProducesProblem(404).ProducesProblem(500);
        g.MapPost("/models/{model}/versions/{reference}/stage", Transition).RequireScope("registry").WithName("RegistryTransition")
            .WithSummary("Move a version to a stage: {stage: none|staging|production|archived, reason, expected_production (optional: refused unless production is still that version, or 'none')}; refused (409) with every rule's verdict when the policy does not allow it.")
            .Produces<TransitionResult>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        g.MapPost("/models/{model}/versions/{reference}/approvals", Approve).RequireScope("admin").WithName("RegistryApprove")
            .WithSummary("Approve a version for a stage (default production): {stage, comment}.").Produces<RegistryApproval>().ProducesProblem(404);
        g.MapPut("/models/{model}/aliases/{alias}", SetAlias).RequireScope("registry").WithName("RegistrySetAlias")
            .WithSummary("Point an alias (champion, challenger, ...) at a version: {version, reason}.").Produces<RegistryAlias>().ProducesProblem(400).ProducesProblem(404);
        g.MapDelete("/models/{model}/aliases/{alias}", RemoveAlias).RequireScope("registry").WithName("RegistryRemoveAlias").ProducesProblem(404);
        g.MapPost("/models/{model}/rollback", Rollback).RequireScope("registry").WithName("RegistryRollback")
            .WithSummary("Move Production back to the previous Production version in one call: {reason}.").Produces<RollbackResult>().ProducesProblem(409);
        g.MapGet("/models/{model}/history", History).RequireScope("read").WithName("RegistryHistory")
            .WithSummary("The model's audit entries (from, to, after, limit).").Produces<IReadOnlyList<AuditEntryDto>>();
        g.MapGet("/models/{model}/baseline", Baseline).RequireScope("read").WithName("RegistryBaseline")
            .WithSummary("The monitoring baseline snapshotted when the current Production version was promoted (?format=vprof: the reference profile).")
            .Produces<BaselineDto>().ProducesProblem(404);
        g.MapGet("/audit", Audit).RequireScope("read").WithName("RegistryAudit")
            .WithSummary("Audit entries of every model or one (model, from, to, after, limit).").Produces<IReadOnlyList<AuditEntryDto>>();
        g.MapGet("/audit/verify", VerifyAudit).RequireScope("admin").WithName("RegistryVerifyAudit")
            .WithSummary("Check the audit log's hash chain from its first entry.").Produces<AuditVerification>();
        MapWebhooks(g);
    }

    private static string Actor(HttpContext http) => ApiCaller.Actor(http);

    private static IResult Fail(RegistryError e) => ApiCaller.Problem(e);

    private static async Task<IResult> ListModels(IRegistryStore store, IVigilStore monitoring, CancellationToken ct)
    {
        var list = new List<RegistryModelDto>();
        foreach (var m in await store.ListModelsAsync(ct))
        {
            var state = await store.GetStateAsync(m.Name, ct);
            list.Add(ModelDto(state, await ReferencesAsync(monitoring, state, ct)));
        }

        return TypedResults.Ok(list);
    }

    private static async Task<IResult> GetModel(string model, IRegistryStore store, IVigilStore monitoring, CancellationToken ct)
    {
        var state = await store.GetStateAsync(model, ct);
        return state.Model is null ? Problems.NotFound($"model '{model}' is not registered.") : TypedResults.Ok(ModelDto(state, await ReferencesAsync(monitoring, state, ct)));
    }

    /// <summary>Lineage: the SHA-256 of each version's reference profile in the monitoring store.</summary>
    private static async Task<Dictionary<string, string>> ReferencesAsync(IVigilStore monitoring, RegistryState state, CancellationToken ct)
    {
        var references = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in state.Versions)
        {
            if (await monitoring.GetReferenceAsync(v.Model, v.Version, ct) is { } bytes)
            {
                references[v.Version] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            }
        }

        return references;
    }

    private static RegistryModelDto ModelDto(RegistryState state, IReadOnlyDictionary<string, string> references)
    {
        var m = state.Model!;
        using var policy = JsonDocument.Parse(m.PolicyJson ?? PromotionPolicy.DefaultJson);
        return new RegistryModelDto(
            m.Name, m.Description, m.Tags, policy.RootElement.Clone(), RegistryService.Resolve(state, "production")?.Version,
            [.. state.Versions.Select(v => RegistryVersionDto.Of(v, state, references))],
            state.Aliases.ToDictionary(a => a.Alias, a => a.Version, StringComparer.Ordinal),
            m.CreatedAt, m.UpdatedAt);
    }

    private static async Task<IResult> PutModel(string model, HttpRequest request, IRegistryStore store, IVigilStore monitoring, RegistryService service, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<RegistryBodies.ModelBody>(request, "{description, tags: {name: value}}", ct);
        if (error is not null)
        {
            return error;
        }

        var result = await service.PutModelAsync(model, body!.Description, body.Tags, Actor(request.HttpContext), ct);
        if (result.Error is { } e)
        {
            return Fail(e);
        }

        var state = await store.GetStateAsync(model, ct);
        return TypedResults.Ok(ModelDto(state, await ReferencesAsync(monitoring, state, ct)));
    }

    private static async Task<IResult> GetPolicy(string model, IRegistryStore store, CancellationToken ct)
    {
        var state = await store.GetStateAsync(model, ct);
        if (state.Model is null)
        {
            return Problems.NotFound($"model '{model}' is not registered.");
        }

        using var doc = JsonDocument.Parse(state.Model.PolicyJson ?? PromotionPolicy.DefaultJson);
        return TypedResults.Ok(doc.RootElement.Clone());
    }

    private static async Task<IResult> PutPolicy(string model, HttpRequest request, RegistryService service, CancellationToken ct)
    {
        var body = await BodyReader.ReadAsync(request, JsonBody.Limit, ct);
        if (body is null)
        {
            return Problems.TooLarge(JsonBody.Limit);
        }

        var text = System.Text.Encoding.UTF8.GetString(body.Value.Span).Trim();
        var reason = request.Query["reason"].FirstOrDefault();
        var result = await service.PutPolicyAsync(model, text is "null" or "" ? null : text, reason, Actor(request.HttpContext), ct);
        if (result.Error is { } e)
        {
            return Fail(e);
        }

        using var doc = JsonDocument.Parse(result.Value!.Json);
        return TypedResults.Ok(doc.RootElement.Clone());
    }

    private static async Task<IResult> CreateVersion(string model, HttpRequest request, IRegistryStore store, RegistryService service, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<NewVersion>(request, "{version, description, tags, metadata, parent_version, training_data, status}", ct);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrEmpty(body!.Version))
        {
            return Problems.BadRequest("version is required.");
        }

        var result = await service.CreateVersionAsync(model, body, Actor(request.HttpContext), ct);
        if (result.Error is { } e)
        {
            return Fail(e);
        }

        var state = await store.GetStateAsync(model, ct);
        return TypedResults.Created($"/api/v1/registry/models/{model}/versions/{body.Version}", RegistryVersionDto.Of(result.Value!, state));
    }

    private static async Task<IResult> GetVersion(string model, string reference, IRegistryStore store, IVigilStore monitoring, CancellationToken ct)
    {
        var state = await store.GetStateAsync(model, ct);
        return RegistryService.Resolve(state, reference) is { } v
            ? TypedResults.Ok(RegistryVersionDto.Of(v, state, await ReferencesAsync(monitoring, state with { Versions = [v] }, ct)))
            : Problems.NotFound($"model '{model}' has no version, alias or stage '{reference}'.");
    }

    private static async Task<IResult> UploadArtifact(string model, string version, string name, HttpContext http, RegistryService service, Microsoft.Extensions.Options.IOptions<Hosting.ServerOptions> options, CancellationToken ct)
    {
        ApiCaller.AllowBody(http, options.Value.MaxArtifactBytes);

        try
        {
            var result = await service.UploadArtifactAsync(model, version, name, http.Request.Body, Actor(http), ct);
            return result.Error is { } e ? Fail(e) : TypedResults.Ok(result.Value);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.TooLarge(options.Value.MaxArtifactBytes);
        }
    }

    private static async Task<IResult> DownloadArtifact(string model, string reference, string name, HttpContext http, RegistryService service, CancellationToken ct)
    {
        RegistryResult<(ArtifactRef Artifact, Stream Content)> result;
        try
        {
            result = await service.OpenArtifactAsync(model, reference, name, ct);
        }
        catch (ArtifactCorruptException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: 500, title: "Artifact corrupt");
        }

        if (result.Error is { } e)
        {
            return Fail(e);
        }

        var (artifact, content) = result.Value;
        http.Response.Headers["X-Vigil-Sha256"] = artifact.Sha256;
        return TypedResults.Stream(content, "application/octet-stream", artifact.Name, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{artifact.Sha256}\""));
    }

    private static async Task<IResult> Transition(string model, string reference, HttpRequest request, RegistryService service, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<RegistryBodies.StageBody>(request, "{stage: none|staging|production|archived, reason, expected_production}", ct);
        if (error is not null)
        {
            return error;
        }

        if (!Stages.TryParse(body!.Stage, out var stage))
        {
            return Problems.BadRequest($"stage: '{body.Stage}' is not none, staging, production or archived.");
        }

        var result = await service.TransitionAsync(model, reference, stage, body.Reason, Actor(request.HttpContext), body.ExpectedProduction, ct);
        return result.Error is { } e ? Fail(e) : TypedResults.Ok(result.Value);
    }

    private static async Task<IResult> Approve(string model, string reference, HttpRequest request, RegistryService service, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<RegistryBodies.ApprovalBody>(request, "{stage: staging|production, comment}", ct);
        if (error is not null)
        {
            return error;
        }

        var stage = Stage.Production;
        if (body!.Stage is { } s && !Stages.TryParse(s, out stage))
        {
            return Problems.BadRequest($"stage: '{s}' is not none, staging, production or archived.");
        }

        var result = await service.ApproveAsync(model, reference, stage, body.Comment, Actor(request.HttpContext), ct);
        return result.Error is { } e ? Fail(e) : TypedResults.Ok(result.Value);
    }

    private static async Task<IResult> SetAlias(string model, string alias, HttpRequest request, RegistryService service, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<RegistryBodies.AliasBody>(request, "{version, reason}", ct);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrEmpty(body!.Version))
        {
            return Problems.BadRequest("version is required.");
        }

        var result = await service.SetAliasAsync(model, alias, body.Version, body.Reason, Actor(request.HttpContext), ct);
        return result.Error is { } e ? Fail(e) : TypedResults.Ok(result.Value);
    }

    private static async Task<IResult> RemoveAlias(string model, string alias, HttpContext http, RegistryService service, CancellationToken ct)
    {
        var result = await service.RemoveAliasAsync(model, alias, http.Request.Query["reason"].FirstOrDefault(), Actor(http), ct);
        return result.Error is { } e ? Fail(e) : TypedResults.NoContent();
    }

    private static async Task<IResult> Rollback(string model, HttpRequest request, RegistryService service, CancellationToken ct)
    {
        string? reason = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var (body, error) = await JsonBody.ReadAsync<RegistryBodies.ReasonBody>(request, "{reason}", ct);
            if (error is not null)
            {
                return error;
            }

            reason = body!.Reason;
        }

        var result = await service.RollbackAsync(model, reason, Actor(request.HttpContext), ct);
        return result.Error is { } e ? Fail(e) : TypedResults.Ok(result.Value);
    }
}
