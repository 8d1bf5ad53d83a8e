using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Vigil.Core.Models;
using Vigil.Server.Hosting;
using Vigil.Storage.Artifacts;
using Vigil.Storage.Registry;

namespace Vigil.Server.Registry;

/// <summary>Evaluation runs recorded in the server, their comparison, and registered golden sets.</summary>
public sealed class EvaluationService
{
    private readonly IRegistryStore _registry;
    private readonly IArtifactStore _artifacts;
    private readonly TimeProvider _time;
    private readonly ServerOptions _options;

    /// <summary>Creates the service.</summary>
    public EvaluationService(IRegistryStore registry, IArtifactStore artifacts, TimeProvider time, IOptions<ServerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _registry = registry;
        _artifacts = artifacts;
        _time = time;
        _options = options.Value;
    }

    /// <summary>Records a run: <paramref name="result"/> is the <c>vigil eval --format json</c> document.</summary>
    public async Task<RegistryResult<EvalRunRecord>> RecordAsync(string model, string version, string? goldenSet, string datasetSha256, JsonElement? config, JsonElement result, string actor, CancellationToken ct)
    {
        if (!Names.IsValid(model))
        {
            return RegistryResult<EvalRunRecord>.Fail(400, $"model: '{model}' is not a valid name.");
        }

        if (!Names.IsValid(version))
        {
            return RegistryResult<EvalRunRecord>.Fail(400, $"version: '{version}' is not a valid version name.");
        }

        if (!FileArtifactStore.IsHash(datasetSha256))
        {
            return RegistryResult<EvalRunRecord>.Fail(400, "dataset_sha256 must be the golden set file's SHA-256 in lower-case hex (64 characters).");
        }

        if (result.ValueKind != JsonValueKind.Object || !result.TryGetProperty("metrics", out var metrics) || metrics.ValueKind != JsonValueKind.Object)
        {
            return RegistryResult<EvalRunRecord>.Fail(400, "result must be the JSON document of 'vigil eval --format json' (an object with 'metrics').");
        }

        if (!result.TryGetProperty("passed", out var passed) || passed.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return RegistryResult<EvalRunRecord>.Fail(400, "result.passed must be true or false.");
        }

        if (config is { } c && c.ValueKind != JsonValueKind.Object)
        {
            return RegistryResult<EvalRunRecord>.Fail(400, "config must be a JSON object.");
        }

        if (goldenSet is not null)
        {
            if (await _registry.GetGoldenSetAsync(goldenSet, datasetSha256, ct).ConfigureAwait(false) is null)
            {
                var latest = await _registry.GetGoldenSetAsync(goldenSet, null, ct).ConfigureAwait(false);
                return RegistryResult<EvalRunRecord>.Fail(400, latest is null
                    ? $"golden_set: '{goldenSet}' is not registered (PUT /api/v1/golden-sets/{goldenSet})."
                    : $"golden_set: dataset {datasetSha256} is not a registered version of '{goldenSet}' (its newest is {latest.Sha256}).");
            }
        }

        var task = result.TryGetProperty("task", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "unknown";
        var run = new EvalRunRecord(
            "run_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), model, version, goldenSet, datasetSha256, task,
            passed.ValueKind == JsonValueKind.True, config?.GetRawText() ?? "{}", result.GetRawText(), _time.GetUtcNow(), actor);
        await _registry.InsertEvalRunAsync(run, ct).ConfigureAwait(false);
        return RegistryResult<EvalRunRecord>.Ok(run);
    }

    /// <summary>Compares two recorded runs.</summary>
    public async Task<RegistryResult<EvalRunComparison>> CompareAsync(string baseId, string candidateId, CancellationToken ct)
    {
        var a = await _registry.GetEvalRunAsync(baseId, ct).ConfigureAwait(false);
        var b = await _registry.GetEvalRunAsync(candidateId, ct).ConfigureAwait(false);
        return a is null ? RegistryResult<EvalRunComparison>.Fail(404, $"base: no evaluation run '{baseId}'.")
            : b is null ? RegistryResult<EvalRunComparison>.Fail(404, $"candidate: no evaluation run '{candidateId}'.")
            : RegistryResult<EvalRunComparison>.Ok(EvalRunComparison.Of(a, b));
    }

    /// <summary>Registers a golden set version: stores the JSONL file (content-addressed) after checking every line.</summary>
    public async Task<RegistryResult<(GoldenSetRecord Set, bool Created)>> RegisterGoldenSetAsync(string name, Stream content, string? description, string actor, CancellationToken ct)
    {
        if (!Names.IsValid(name))
        {
            return RegistryResult<(GoldenSetRecord, bool)>.Fail(400, $"golden set: '{name}' is not a valid name: use 1 to {Names.MaxLength} letters, digits, '.', '_' or '-'.");
        }

        StoredArtifact stored;
        try
        {
            stored = await _artifacts.PutAsync(content, _options.MaxArtifactBytes, ct).ConfigureAwait(false);
        }
        catch (ArtifactTooLargeException)
        {
            return RegistryResult<(GoldenSetRecord, bool)>.Fail(413, $"the golden set is larger than the limit of {_options.MaxArtifactBytes} bytes.");
        }

        long items;
        await using (var stream = await _artifacts.OpenVerifiedAsync(stored.Sha256, ct).ConfigureAwait(false))
        {
            var check = await GoldenSetCheck.CountAsync(stream!, name, ct).ConfigureAwait(false);
            if (check.Error is { } error)
            {
                if (stored.Created)
                {
                    await stream!.DisposeAsync().ConfigureAwait(false);
                    _artifacts.Delete(stored.Sha256); // refused: keep nothing of it (bytes stored before are left alone)
                }

                return RegistryResult<(GoldenSetRecord, bool)>.Fail(400, error);
            }

            items = check.Items;
        }

        var record = new GoldenSetRecord(name, stored.Sha256, items, stored.Size, description, _time.GetUtcNow(), actor);
        var created = await _registry.PutGoldenSetAsync(record, ct).ConfigureAwait(false);
        return RegistryResult<(GoldenSetRecord, bool)>.Ok((created ? record : (await _registry.GetGoldenSetAsync(name, stored.Sha256, ct).ConfigureAwait(false))!, created));
    }

    /// <summary>Opens a registered golden set's file (the newest version when <paramref name="sha256"/> is null).</summary>
    public async Task<(GoldenSetRecord Set, Stream Content)?> OpenGoldenSetAsync(string name, string? sha256, CancellationToken ct)
    {
        if (await _registry.GetGoldenSetAsync(name, sha256, ct).ConfigureAwait(false) is not { } set)
        {
            return null;
        }

        var stream = await _artifacts.OpenVerifiedAsync(set.Sha256, ct).ConfigureAwait(false)
            ?? throw new ArtifactCorruptException($"golden set '{name}' ({set.Sha256}) is missing from the artifact store.");
        return (set, stream);
    }
}
