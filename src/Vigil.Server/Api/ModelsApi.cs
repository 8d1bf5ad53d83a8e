using System.Text.Json;
using Microsoft.Extensions.Options;
using Vigil.Core.Models;
using Vigil.Core.Windows;
using Vigil.Server.Auth;
using Vigil.Server.Hosting;
using Vigil.Server.Ingest;
using Vigil.Statistics.Profiles;
using Vigil.Storage;

namespace Vigil.Server.Api;

/// <summary>Models (schemas), reference baselines, and window rebuilds.</summary>
internal static class ModelsApi
{
    public static void MapModelsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/models").WithTags("Models");
        group.MapGet("/", List).RequireScope("read").WithName("ListModels").Produces<IReadOnlyList<ModelSchema>>();
        group.MapGet("/{model}", Get).RequireScope("read").WithName("GetModel").Produces<ModelInfo>().ProducesProblem(404);
        group.MapPut("/{model}", Put).RequireScope("admin").WithName("PutModel")
            .WithSummary("Create or update a model's schema: features with types, prediction type, classes, window length.")
            .Accepts<ModelSchema>("application/json").Produces<ModelSchema>().ProducesProblem(400).ProducesProblem(409);
        group.MapPost("/{model}/versions/{version}/reference", PostReference).RequireScope("admin").WithName("PostReference")
            .WithSummary("Register a version's reference baseline: a .vprof profile (application/octet-stream), or feature rows as a JSON array or JSON Lines.")
            .Accepts<byte[]>("application/octet-stream", "application/json", "application/x-ndjson")
            .Produces<ReferenceInfo>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(413);
        group.MapPost("/{model}/rebuild", Rebuild).RequireScope("admin").WithName("RebuildWindows")
            .WithSummary("Rebuild the model's window profiles in [from, to) from the raw events still retained.")
            .Produces<RebuildInfo>().ProducesProblem(400).ProducesProblem(404);
    }

    private static async Task<IResult> List(IVigilStore store, CancellationToken ct) => TypedResults.Ok(await store.ListModelsAsync(ct));

    private static async Task<IResult> Get(string model, IVigilStore store, CancellationToken ct)
    {
        var schema = await store.GetModelAsync(model, ct);
        if (schema is null)
        {
            return Problems.NotFound($"model '{model}' does not exist.");
        }

        var versions = await store.ListVersionsAsync(model, ct);
        var raw = await store.CountRawAsync(model, ct);
        var list = new List<VersionInfo>();
        foreach (var (version, first, last) in versions)
        {
            list.Add(new VersionInfo(version, first, last, await store.GetReferenceAsync(model, version, ct) is not null));
        }

        return TypedResults.Ok(new ModelInfo(schema, list, raw.Predictions, raw.Labels, raw.Unjoined));
    }

    private static async Task<IResult> Put(string model, HttpRequest request, IVigilStore store, SchemaCache schemas, CancellationToken ct)
    {
        if (!Names.IsValid(model))
        {
            return Problems.BadRequest($"model: '{model}' is not a valid name: use 1 to {Names.MaxLength} letters, digits, '.', '_' or '-'.");
        }

        var body = await BodyReader.ReadAsync(request, 4 << 20, ct);
        if (body is null)
        {
            return Problems.TooLarge(4 << 20);
        }

        ModelSchema schema;
        try
        {
            using var doc = JsonDocument.Parse(body.Value);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Problems.BadRequest("the body must be a JSON object: {prediction_type, features: [{name, type}], classes, window_minutes}.");
            }

            var json = doc.RootElement.TryGetProperty("name", out var n) ? doc.RootElement.GetRawText() : InsertName(doc.RootElement, model);
            schema = ModelSchemaJson.Deserialize(json);
        }
        catch (JsonException ex)
        {
            return Problems.BadRequest($"the schema is not valid{(ex.Path is null ? string.Empty : $" at {ex.Path}")}: {ex.Message}");
        }

        if (schema.Name != model)
        {
            return Problems.BadRequest($"name: the body names model '{schema.Name}' but the route is '{model}'.");
        }

        if (schema.Features is null)
        {
            return Problems.BadRequest("features: required (a list of {name, type}).");
        }

        if (schema.Validate() is { } problem)
        {
            return Problems.BadRequest(problem);
        }

        var existing = await store.GetModelAsync(model, ct);
        if (existing is not null && await store.HasPredictionsAsync(model, ct) && existing.IncompatibilityWith(schema) is { } conflict)
        {
            return Problems.Conflict(conflict);
        }

        await store.PutModelAsync(schema, ct);
        schemas.Invalidate(model);
        return TypedResults.Ok(schema);
    }

    private static string InsertName(JsonElement root, string model)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("name", model);
            foreach (var p in root.EnumerateObject())
            {
                p.WriteTo(w);
            }

            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static async Task<IResult> PostReference(string model, string version, HttpRequest request, IVigilStore store, SchemaCache schemas, IOptions<ServerOptions> options, TimeProvider time, CancellationToken ct)
    {
        var parsers = await schemas.ParsersAsync(model, ct);
        if (parsers is null)
        {
            return Problems.NotFound($"model '{model}' does not exist; create it with PUT /api/v1/models/{model}.");
        }

        if (!Names.IsValid(version))
        {
            return Problems.BadRequest($"version: '{version}' is not a valid name.");
        }

        var body = await BodyReader.ReadAsync(request, options.Value.MaxBodyBytes, ct);
        if (body is null)
        {
            return Problems.TooLarge(options.Value.MaxBodyBytes);
        }

        var (profile, error) = ReferenceProfiles.FromBody(parsers.Value.Schema, body.Value, $"{model}/{version}", time);
        if (profile is null)
        {
            return Problems.BadRequest(error!);
        }

        var missing = parsers.Value.Schema.Features.Where(f => profile.Find(f.Name) is null).Select(f => f.Name).ToList();
        await store.PutReferenceAsync(model, version, ProfileFormat.ToBytes(profile), ct);
        return TypedResults.Ok(new ReferenceInfo(model, version, profile.RowCount, profile.Columns.Select(c => c.Name).ToList(), missing));
    }

    private static async Task<IResult> Rebuild(string model, string? from, string? to, IVigilStore store, SchemaCache schemas, TimeProvider time, CancellationToken ct)
    {
        var schema = await schemas.GetAsync(model, ct);
        if (schema is null)
        {
            return Problems.NotFound($"model '{model}' does not exist.");
        }

        var range = Queries.QueryRange.Parse(schema, from ?? "2000-01-01T00:00:00Z", to, "all", null, null, null, time.GetUtcNow() + schema.Window, out var error);
        if (range is null)
        {
            return Problems.BadRequest(error!);
        }

        var rows = await WindowRebuilder.RebuildAsync(store, schema, range.From, range.To, time, ct);
        return TypedResults.Ok(new RebuildInfo(model, range.From, range.To, rows));
    }
}

/// <summary>A model with its versions and raw-event counts.</summary>
public sealed record ModelInfo(ModelSchema Schema, IReadOnlyList<VersionInfo> Versions, long RawPredictions, long Labels, long LabelsWaiting);

/// <summary>A version seen in traffic.</summary>
public sealed record VersionInfo(string Version, DateTimeOffset FirstWindow, DateTimeOffset LastWindow, bool HasReference);

/// <summary>A stored reference profile.</summary>
public sealed record ReferenceInfo(string Model, string Version, long Rows, IReadOnlyList<string> Columns, IReadOnlyList<string> MissingFeatures);

/// <summary>A finished rebuild.</summary>
public sealed record RebuildInfo(string Model, DateTimeOffset From, DateTimeOffset To, long Predictions);
