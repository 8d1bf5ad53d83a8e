using System.Text.Json;

namespace Vigil.Server.Registry;

/// <summary>A new version.</summary>
/// <param name="Version">Its name.</param>
/// <param name="Description">Free text.</param>
/// <param name="Tags">Free key/value tags.</param>
/// <param name="Metadata">A JSON object: framework, parameters, training metrics.</param>
/// <param name="ParentVersion">Lineage: the version it derives from.</param>
/// <param name="TrainingData">Lineage: fingerprint of its training data.</param>
/// <param name="Status">ready (default) or failed.</param>
public sealed record NewVersion(string Version, string? Description, Dictionary<string, string>? Tags, JsonElement? Metadata, string? ParentVersion, string? TrainingData, string? Status);

/// <summary>A stage transition that happened.</summary>
/// <param name="Model">The model.</param>
/// <param name="Version">The version moved.</param>
/// <param name="From">Its stage before.</param>
/// <param name="To">Its stage now.</param>
/// <param name="Archived">Versions archived to respect the policy's Production limit.</param>
/// <param name="Rules">The policy rules checked, with their verdicts.</param>
/// <param name="At">When.</param>
public sealed record TransitionResult(string Model, string Version, string From, string To, IReadOnlyList<string> Archived, IReadOnlyList<RuleOutcome> Rules, DateTimeOffset At);

/// <summary>A rollback that happened.</summary>
/// <param name="Model">The model.</param>
/// <param name="From">The version taken out of Production (now archived).</param>
/// <param name="To">The version back in Production.</param>
/// <param name="At">When.</param>
/// <param name="ElapsedMs">How long the rollback took in the server, from request to commit.</param>
public sealed record RollbackResult(string Model, string From, string To, DateTimeOffset At, double ElapsedMs);
