using System.Text.Json;
using Microsoft.Extensions.Options;
using Vigil.Core.Models;
using Vigil.Server.Hosting;
using Vigil.Storage;
using Vigil.Storage.Artifacts;
using Vigil.Storage.Registry;

namespace Vigil.Server.Registry;

/// <summary>
/// The registry's operations: models, versions, artifacts, aliases, approvals, stage transitions under the
/// model's promotion policy, and rollback. Every change is one <see cref="IRegistryStore.ChangeAsync{T}"/> call that
/// also appends its audit entries and queues its webhook events, so nothing is changed without a record.
/// </summary>
public sealed partial class RegistryService
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly string[] Reserved = ["production", "staging", "latest", "none", "archived"];
    private readonly IRegistryStore _registry;
    private readonly IVigilStore _monitoring;
    private readonly IArtifactStore _artifacts;
    private readonly PromotionPolicies _policies;
    private readonly TimeProvider _time;
    private readonly ServerOptions _options;

    /// <summary>Creates the service.</summary>
    public RegistryService(IRegistryStore registry, IVigilStore monitoring, IArtifactStore artifacts, PromotionPolicies policies, TimeProvider time, IOptions<ServerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _registry = registry;
        _monitoring = monitoring;
        _artifacts = artifacts;
        _policies = policies;
        _time = time;
        _options = options.Value;
    }

    /// <summary>The registry store.</summary>
    public IRegistryStore Store => _registry;

    /// <summary>Creates or updates a model's description and tags.</summary>
    public async Task<RegistryResult<RegistryModel>> PutModelAsync(string model, string? description, IReadOnlyDictionary<string, string>? tags, string actor, CancellationToken ct)
    {
        if (!Names.IsValid(model))
        {
            return RegistryResult<RegistryModel>.Fail(400, $"model: '{model}' is not a valid name: use 1 to {Names.MaxLength} letters, digits, '.', '_' or '-'.");
        }

        if (CheckTags(tags) is { } bad)
        {
            return RegistryResult<RegistryModel>.Fail(400, bad);
        }

        var now = _time.GetUtcNow();
        return await _registry.ChangeAsync(model, state =>
        {
            var before = state.Model;
            var after = before is null
                ? new RegistryModel(model, description ?? string.Empty, tags ?? new Dictionary<string, string>(), null, now, now)
                : before with { Description = description ?? before.Description, Tags = tags ?? before.Tags, UpdatedAt = now };
            var audit = new AuditDraft(now, actor, model, null, before is null ? "model_created" : "model_updated", null, ModelJson(before), ModelJson(after));
            return new RegistryDecision<RegistryResult<RegistryModel>>(RegistryResult<RegistryModel>.Ok(after), new RegistryChange { Model = after, Audit = [audit] });
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Sets a model's promotion policy (null: back to the default).</summary>
    public async Task<RegistryResult<PromotionPolicy>> PutPolicyAsync(string model, string? policyJson, string? reason, string actor, CancellationToken ct)
    {
        PromotionPolicy policy;
        try
        {
            policy = _policies.Parse(policyJson);
        }
        catch (PolicyException ex)
        {
            return RegistryResult<PromotionPolicy>.Fail(400, ex.Message);
        }

        var now = _time.GetUtcNow();
        return await _registry.ChangeAsync(model, state =>
        {
            if (state.Model is null)
            {
                return Refuse<PromotionPolicy>(404, $"model '{model}' is not registered.");
            }

            var after = state.Model with { PolicyJson = policyJson is null ? null : policy.Json, UpdatedAt = now };
            var audit = new AuditDraft(now, actor, model, null, "policy_changed", reason, state.Model.PolicyJson ?? PromotionPolicy.DefaultJson, policy.Json);
            return new RegistryDecision<RegistryResult<PromotionPolicy>>(RegistryResult<PromotionPolicy>.Ok(policy), new RegistryChange { Model = after, Audit = [audit] });
        }, ct).ConfigureAwait(false);
    }

    /// <summary>The model's policy (the default when none is set).</summary>
    public PromotionPolicy PolicyOf(RegistryModel? model) => _policies.Parse(model?.PolicyJson);

    /// <summary>Registers a new version (the model is registered on its first version).</summary>
    public async Task<RegistryResult<RegistryVersion>> CreateVersionAsync(string model, NewVersion request, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Names.IsValid(model))
        {
            return RegistryResult<RegistryVersion>.Fail(400, $"model: '{model}' is not a valid name: use 1 to {Names.MaxLength} letters, digits, '.', '_' or '-'.");
        }

        if (!Names.IsValid(request.Version) || Reserved.Contains(request.Version.ToLowerInvariant()))
        {
            return RegistryResult<RegistryVersion>.Fail(400, $"version: '{request.Version}' is not a valid version name: use 1 to {Names.MaxLength} letters, digits, '.', '_' or '-' (not {string.Join(", ", Reserved)}).");
        }

        if (request.Metadata is { } meta && meta.ValueKind != JsonValueKind.Object)
        {
            return RegistryResult<RegistryVersion>.Fail(400, "metadata must be a JSON object (framework, parameters, metrics, ...).");
        }

        var status = request.Status ?? "ready";
        if (status is not ("ready" or "failed"))
        {
            return RegistryResult<RegistryVersion>.Fail(400, $"status: '{status}' is not ready or failed.");
        }

        if (CheckTags(request.Tags) is { } bad)
        {
            return RegistryResult<RegistryVersion>.Fail(400, bad);
        }

        if (request.TrainingData is { Length: > 256 })
        {
            return RegistryResult<RegistryVersion>.Fail(400, "training_data: the fingerprint is longer than 256 characters.");
        }

        var now = _time.GetUtcNow();
        return await _registry.ChangeAsync(model, state =>
        {
            if (state.Versions.Any(v => v.Version == request.Version))
            {
                return Refuse<RegistryVersion>(409, $"model '{model}' already has version '{request.Version}'.");
            }

            if (request.ParentVersion is { } parent && state.Versions.All(v => v.Version != parent))
            {
                return Refuse<RegistryVersion>(400, $"parent_version: model '{model}' has no version '{parent}'.");
            }

            var version = new RegistryVersion(
                model, request.Version, request.Description ?? string.Empty, request.Tags ?? new Dictionary<string, string>(),
                request.Metadata?.GetRawText() ?? "{}", request.ParentVersion, request.TrainingData, status, Stage.None, now, [], now, actor);
            var change = new RegistryChange
            {
                Model = state.Model is null ? new RegistryModel(model, string.Empty, new Dictionary<string, string>(), null, now, now) : null,
                Versions = [version],
                Audit = [new AuditDraft(now, actor, model, version.Version, "version_created", null, null, Of(new { version.Version, version.Status, version.ParentVersion, version.TrainingData, metadata = JsonSerializer.Deserialize<JsonElement>(version.MetadataJson) }))],
                Events = [Event("version_created", model, new { version = version.Version, status, parent_version = version.ParentVersion, actor, at = now })],
            };
            return new RegistryDecision<RegistryResult<RegistryVersion>>(RegistryResult<RegistryVersion>.Ok(version), change);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Resolves a reference to a version: a version name, an alias, <c>production</c> / <c>staging</c> (the newest
    /// version in that stage) or <c>latest</c> (the newest version).
    /// </summary>
    public static RegistryVersion? Resolve(RegistryState state, string reference)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Versions.FirstOrDefault(v => v.Version == reference) is { } exact)
        {
            return exact;
        }

        if (state.Aliases.FirstOrDefault(a => a.Alias == reference) is { } alias)
        {
            return state.Versions.FirstOrDefault(v => v.Version == alias.Version);
        }

        return reference.ToLowerInvariant() switch
        {
            "production" => state.Versions.Where(v => v.Stage == Stage.Production).MaxBy(v => v.StageSince),
            "staging" => state.Versions.Where(v => v.Stage == Stage.Staging).MaxBy(v => v.StageSince),
            "latest" => state.Versions.MaxBy(v => v.CreatedAt),
            _ => null,
        };
    }

    /// <summary>Stores an artifact's bytes and attaches them to a version under <paramref name="name"/> (replacing an earlier upload of that name).</summary>
    public async Task<RegistryResult<ArtifactRef>> UploadArtifactAsync(string model, string version, string name, Stream content, string actor, CancellationToken ct)
    {
        if (!IsArtifactName(name))
        {
            return RegistryResult<ArtifactRef>.Fail(400, $"artifact name '{name}' is not valid: use 1 to 200 letters, digits, '.', '_' or '-'.");
        }

        var state = await _registry.GetStateAsync(model, ct).ConfigureAwait(false);
        if (state.Versions.All(v => v.Version != version))
        {
            return RegistryResult<ArtifactRef>.Fail(404, $"model '{model}' has no version '{version}'.");
        }

        StoredArtifact stored;
        try
        {
            stored = await _artifacts.PutAsync(content, _options.MaxArtifactBytes, ct).ConfigureAwait(false);
        }
        catch (ArtifactTooLargeException)
        {
            return RegistryResult<ArtifactRef>.Fail(413, $"the artifact is larger than the limit of {_options.MaxArtifactBytes} bytes (Vigil:MaxArtifactBytes).");
        }

        var now = _time.GetUtcNow();
        var artifact = new ArtifactRef(name, stored.Sha256, stored.Size, now);
        return await _registry.ChangeAsync(model, s =>
        {
            if (s.Versions.FirstOrDefault(v => v.Version == version) is not { } current)
            {
                return Refuse<ArtifactRef>(404, $"model '{model}' has no version '{version}'.");
            }

            var previous = current.Artifacts.FirstOrDefault(a => a.Name == name);
            var updated = current with { Artifacts = [.. current.Artifacts.Where(a => a.Name != name), artifact] };
            var change = new RegistryChange
            {
                Versions = [updated],
                Audit = [new AuditDraft(now, actor, model, version, "artifact_uploaded", null, previous is null ? null : Of(previous), Of(artifact))],
                Events = [Event("artifact_uploaded", model, new { version, artifact = name, sha256 = stored.Sha256, size = stored.Size, actor, at = now })],
            };
            return new RegistryDecision<RegistryResult<ArtifactRef>>(RegistryResult<ArtifactRef>.Ok(artifact), change);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Opens a version's artifact after checking its bytes against its hash.</summary>
    /// <exception cref="ArtifactCorruptException">The stored bytes do not match.</exception>
    public async Task<RegistryResult<(ArtifactRef Artifact, Stream Content)>> OpenArtifactAsync(string model, string reference, string name, CancellationToken ct)
    {
        var state = await _registry.GetStateAsync(model, ct).ConfigureAwait(false);
        if (Resolve(state, reference) is not { } version)
        {
            return RegistryResult<(ArtifactRef, Stream)>.Fail(404, $"model '{model}' has no version, alias or stage '{reference}'.");
        }

        if (version.Artifacts.FirstOrDefault(a => a.Name == name) is not { } artifact)
        {
            return RegistryResult<(ArtifactRef, Stream)>.Fail(404, $"version '{version.Version}' of model '{model}' has no artifact '{name}'.");
        }

        var stream = await _artifacts.OpenVerifiedAsync(artifact.Sha256, ct).ConfigureAwait(false);
        return stream is null
            ? RegistryResult<(ArtifactRef, Stream)>.Fail(500, $"artifact '{name}' of {model} {version.Version} ({artifact.Sha256}) is missing from the artifact store.")
            : RegistryResult<(ArtifactRef, Stream)>.Ok((artifact, stream));
    }

    /// <summary>Points an alias at a version (creating or moving it).</summary>
    public async Task<RegistryResult<RegistryAlias>> SetAliasAsync(string model, string alias, string reference, string? reason, string actor, CancellationToken ct)
    {
        if (!Names.IsValid(alias) || Reserved.Contains(alias.ToLowerInvariant()))
        {
            return RegistryResult<RegistryAlias>.Fail(400, $"alias: '{alias}' is not a valid alias: use letters, digits, '.', '_' or '-' (not {string.Join(", ", Reserved)}, which name stages).");
        }

        var now = _time.GetUtcNow();
        return await _registry.ChangeAsync(model, state =>
        {
            if (Resolve(state, reference) is not { } version)
            {
                return Refuse<RegistryAlias>(404, $"model '{model}' has no version, alias or stage '{reference}'.");
            }

            var before = state.Aliases.FirstOrDefault(a => a.Alias == alias);
            if (before?.Version == version.Version)
            {
                return new RegistryDecision<RegistryResult<RegistryAlias>>(RegistryResult<RegistryAlias>.Ok(before), null);
            }

            var after = new RegistryAlias(alias, version.Version, now);
            var change = new RegistryChange
            {
                SetAliases = [after],
                Audit = [new AuditDraft(now, actor, model, version.Version, "alias_moved", reason, before is null ? null : Of(new { alias, before.Version }), Of(new { alias, version = version.Version }))],
                Events = [Event("alias_moved", model, new { alias, from = before?.Version, to = version.Version, actor, reason, at = now })],
            };
            return new RegistryDecision<RegistryResult<RegistryAlias>>(RegistryResult<RegistryAlias>.Ok(after), change);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Removes an alias.</summary>
    public async Task<RegistryResult<RegistryAlias>> RemoveAliasAsync(string model, string alias, string? reason, string actor, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        return await _registry.ChangeAsync(model, state =>
        {
            if (state.Aliases.FirstOrDefault(a => a.Alias == alias) is not { } before)
            {
                return Refuse<RegistryAlias>(404, $"model '{model}' has no alias '{alias}'.");
            }

            var change = new RegistryChange
            {
                RemoveAliases = [alias],
                Audit = [new AuditDraft(now, actor, model, before.Version, "alias_removed", reason, Of(new { alias, before.Version }), null)],
                Events = [Event("alias_moved", model, new { alias, from = before.Version, to = (string?)null, actor, reason, at = now })],
            };
            return new RegistryDecision<RegistryResult<RegistryAlias>>(RegistryResult<RegistryAlias>.Ok(before), change);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Records an admin's approval of a version for a stage.</summary>
    public async Task<RegistryResult<RegistryApproval>> ApproveAsync(string model, string reference, Stage target, string? comment, string actor, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        return await _registry.ChangeAsync(model, state =>
        {
            if (Resolve(state, reference) is not { } version)
            {
                return Refuse<RegistryApproval>(404, $"model '{model}' has no version, alias or stage '{reference}'.");
            }

            var approval = new RegistryApproval(version.Version, target, actor, comment, now);
            var change = new RegistryChange
            {
                Approvals = [approval],
                Audit = [new AuditDraft(now, actor, model, version.Version, "approved", comment, null, Of(new { target = Stages.Name(target) }))],
                Events = [Event("approved", model, new { version = version.Version, target = Stages.Name(target), actor, comment, at = now })],
            };
            return new RegistryDecision<RegistryResult<RegistryApproval>>(RegistryResult<RegistryApproval>.Ok(approval), change);
        }, ct).ConfigureAwait(false);
    }

    private static RegistryDecision<RegistryResult<T>> Refuse<T>(int status, string detail, IReadOnlyList<RuleOutcome>? rules = null) =>
        new(RegistryResult<T>.Fail(status, detail, rules), null);

    private static string Of(object value) => JsonSerializer.Serialize(value, Json);

    private static RegistryEvent Event(string type, string model, object payload)
    {
        var body = JsonSerializer.SerializeToElement(payload, Json);
        var merged = new Dictionary<string, object?> { ["event"] = type, ["model"] = model };
        foreach (var p in body.EnumerateObject())
        {
            merged[p.Name] = p.Value;
        }

        return new RegistryEvent(type, model, JsonSerializer.Serialize(merged, Json));
    }

    private static string? ModelJson(RegistryModel? m) => m is null ? null : Of(new { m.Name, m.Description, m.Tags });

    private static bool IsArtifactName(string name) =>
        name is { Length: > 0 and <= 200 } && name is not ("." or "..") && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static string? CheckTags(IReadOnlyDictionary<string, string>? tags)
    {
        if (tags is null)
        {
            return null;
        }

        if (tags.Count > 100)
        {
            return "tags: at most 100 tags.";
        }

        foreach (var (k, v) in tags)
        {
            if (k.Length is 0 or > 100 || v is null || v.Length > 1000)
            {
                return $"tags: '{k}' must be 1 to 100 characters with a value of at most 1,000.";
            }
        }

        return null;
    }
}
