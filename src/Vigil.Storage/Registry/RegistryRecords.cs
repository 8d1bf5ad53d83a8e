namespace Vigil.Storage.Registry;

/// <summary>A registered model (the registry side of the model that the monitors know by the same name).</summary>
/// <param name="Name">Model name (same rules as the monitoring model names).</param>
/// <param name="Description">Free text.</param>
/// <param name="Tags">Free key/value tags.</param>
/// <param name="PolicyJson">The promotion policy as JSON (see the server's <c>PromotionPolicy</c>), or null for the default.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="UpdatedAt">Last change.</param>
public sealed record RegistryModel(string Name, string Description, IReadOnlyDictionary<string, string> Tags, string? PolicyJson, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A version of a registered model.</summary>
/// <param name="Model">The model.</param>
/// <param name="Version">The version name (unique within the model).</param>
/// <param name="Description">Free text.</param>
/// <param name="Tags">Free key/value tags.</param>
/// <param name="MetadataJson">A JSON object: framework, parameters, training metrics, anything.</param>
/// <param name="ParentVersion">Lineage: the version this one was derived from, or null.</param>
/// <param name="TrainingData">Lineage: fingerprint of the training data (e.g. its SHA-256), or null.</param>
/// <param name="Status">ready, or failed (a version whose training failed, kept for the record).</param>
/// <param name="Stage">The stage.</param>
/// <param name="StageSince">When it entered <paramref name="Stage"/>.</param>
/// <param name="Artifacts">Its artifacts, by name.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="CreatedBy">The API key name that created it.</param>
public sealed record RegistryVersion(
    string Model,
    string Version,
    string Description,
    IReadOnlyDictionary<string, string> Tags,
    string MetadataJson,
    string? ParentVersion,
    string? TrainingData,
    string Status,
    Stage Stage,
    DateTimeOffset StageSince,
    IReadOnlyList<ArtifactRef> Artifacts,
    DateTimeOffset CreatedAt,
    string CreatedBy);

/// <summary>An artifact of a version; its bytes are in the artifact store under <paramref name="Sha256"/>.</summary>
/// <param name="Name">File name within the version (e.g. <c>model.onnx</c>).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content.</param>
/// <param name="Size">Bytes.</param>
/// <param name="UploadedAt">Upload time.</param>
public sealed record ArtifactRef(string Name, string Sha256, long Size, DateTimeOffset UploadedAt);

/// <summary>A free alias (<c>champion</c>, <c>challenger</c>) pointing at a version.</summary>
/// <param name="Alias">The alias.</param>
/// <param name="Version">The version it points at.</param>
/// <param name="UpdatedAt">When it last moved.</param>
public sealed record RegistryAlias(string Alias, string Version, DateTimeOffset UpdatedAt);

/// <summary>An approval of a version for a target stage by the holder of an admin key.</summary>
/// <param name="Version">The version.</param>
/// <param name="Target">The stage approved for.</param>
/// <param name="ApprovedBy">The admin key's name.</param>
/// <param name="Comment">Why, or null.</param>
/// <param name="At">When.</param>
public sealed record RegistryApproval(string Version, Stage Target, string ApprovedBy, string? Comment, DateTimeOffset At);

/// <summary>The monitoring baseline snapshotted when a version reached Production.</summary>
/// <param name="Model">The model.</param>
/// <param name="Version">The version promoted.</param>
/// <param name="At">When.</param>
/// <param name="EvalRunId">The evaluation run whose metrics were snapshotted, or null.</param>
/// <param name="MetricsJson">The evaluation metrics at release (JSON object), or null.</param>
/// <param name="ReferenceProfile">The version's reference profile (<c>.vprof</c> payload) at release, or null.</param>
public sealed record RegistryBaseline(string Model, string Version, DateTimeOffset At, string? EvalRunId, string? MetricsJson, byte[]? ReferenceProfile);

/// <summary>Everything the transition rules look at for one model, read inside the write transaction.</summary>
/// <param name="Model">The model, or null when not registered yet.</param>
/// <param name="Versions">Its versions, oldest first.</param>
/// <param name="Aliases">Its aliases.</param>
/// <param name="Approvals">Its approvals, oldest first.</param>
/// <param name="ProductionHistory">Versions that entered Production, oldest first (for rollback).</param>
public sealed record RegistryState(
    RegistryModel? Model,
    IReadOnlyList<RegistryVersion> Versions,
    IReadOnlyList<RegistryAlias> Aliases,
    IReadOnlyList<RegistryApproval> Approvals,
    IReadOnlyList<ProductionEntry> ProductionHistory);

/// <summary>A version's entry into Production.</summary>
/// <param name="Version">The version.</param>
/// <param name="At">When it entered.</param>
public sealed record ProductionEntry(string Version, DateTimeOffset At);

/// <summary>
/// What a registry transition writes, all in one transaction: upserts, alias moves, approvals, the baseline,
/// audit entries (the store numbers and chains them) and webhook events (the store queues one delivery per
/// matching webhook).
/// </summary>
public sealed record RegistryChange
{
    /// <summary>The model to insert or update, or null.</summary>
    public RegistryModel? Model { get; init; }

    /// <summary>Versions to insert or replace (by model and version).</summary>
    public IReadOnlyList<RegistryVersion> Versions { get; init; } = [];

    /// <summary>Aliases to set (insert or move).</summary>
    public IReadOnlyList<RegistryAlias> SetAliases { get; init; } = [];

    /// <summary>Aliases to remove.</summary>
    public IReadOnlyList<string> RemoveAliases { get; init; } = [];

    /// <summary>Approvals to add.</summary>
    public IReadOnlyList<RegistryApproval> Approvals { get; init; } = [];

    /// <summary>Versions entering Production now (appended to the production history).</summary>
    public IReadOnlyList<ProductionEntry> EnterProduction { get; init; } = [];

    /// <summary>A new monitoring baseline, or null.</summary>
    public RegistryBaseline? Baseline { get; init; }

    /// <summary>Audit entries to append (at least one for every change).</summary>
    public IReadOnlyList<AuditDraft> Audit { get; init; } = [];

    /// <summary>Webhook events to queue.</summary>
    public IReadOnlyList<RegistryEvent> Events { get; init; } = [];
}

/// <summary>A registry event for webhooks.</summary>
/// <param name="Type">version_created, stage_changed, alias_moved, rollback, ...</param>
/// <param name="Model">The model.</param>
/// <param name="PayloadJson">The JSON body sent to receivers.</param>
public sealed record RegistryEvent(string Type, string Model, string PayloadJson);
