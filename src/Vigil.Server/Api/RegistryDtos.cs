using System.Text.Json;
using Vigil.Server.Registry;
using Vigil.Storage.Registry;

namespace Vigil.Server.Api;

/// <summary>A registered model with its versions, aliases and policy.</summary>
public sealed record RegistryModelDto(
    string Name,
    string Description,
    IReadOnlyDictionary<string, string> Tags,
    JsonElement Policy,
    string? Production,
    IReadOnlyList<RegistryVersionDto> Versions,
    IReadOnlyDictionary<string, string> Aliases,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A model version.</summary>
public sealed record RegistryVersionDto(
    string Model,
    string Version,
    string Description,
    IReadOnlyDictionary<string, string> Tags,
    JsonElement Metadata,
    string? ParentVersion,
    string? TrainingData,
    string Status,
    string Stage,
    DateTimeOffset StageSince,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<ArtifactRef> Artifacts,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    string? ReferenceSha256)
{
    /// <summary>The DTO of <paramref name="v"/> in <paramref name="state"/>.</summary>
    /// <param name="v">The version.</param>
    /// <param name="state">Its model's state (for aliases).</param>
    /// <param name="references">SHA-256 of each version's reference profile in the monitoring store (lineage), by version.</param>
    public static RegistryVersionDto Of(RegistryVersion v, RegistryState state, IReadOnlyDictionary<string, string>? references = null)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(state);
        using var meta = JsonDocument.Parse(v.MetadataJson);
        return new RegistryVersionDto(
            v.Model, v.Version, v.Description, v.Tags, meta.RootElement.Clone(), v.ParentVersion, v.TrainingData, v.Status,
            Stages.Name(v.Stage), v.StageSince, [.. state.Aliases.Where(a => a.Version == v.Version).Select(a => a.Alias).Order(StringComparer.Ordinal)],
            v.Artifacts, v.CreatedAt, v.CreatedBy, references?.GetValueOrDefault(v.Version));
    }
}

/// <summary>An audit entry.</summary>
public sealed record AuditEntryDto(long Seq, DateTimeOffset At, string Actor, string Model, string? Version, string Action, string? Reason, JsonElement? Before, JsonElement? After, string PrevHash, string Hash)
{
    /// <summary>The DTO of <paramref name="e"/>.</summary>
    public static AuditEntryDto Of(AuditEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var d = e.Draft;
        return new AuditEntryDto(e.Seq, d.At, d.Actor, d.Model, d.Version, d.Action, d.Reason, Parse(d.BeforeJson), Parse(d.AfterJson), e.PrevHash, e.Hash);
    }

    private static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json);
        }
    }
}

/// <summary>The result of checking the audit chain.</summary>
/// <param name="Intact">Whether every entry is present, in order, and unaltered.</param>
/// <param name="Entries">Entries checked.</param>
/// <param name="BrokenAt">The first entry that fails, or null.</param>
/// <param name="Reason">What is wrong, or null.</param>
public sealed record AuditVerification(bool Intact, long Entries, long? BrokenAt, string? Reason);

/// <summary>A model's monitoring baseline (the profile bytes are at <c>?format=vprof</c>).</summary>
public sealed record BaselineDto(string Model, string Version, DateTimeOffset At, string? EvalRunId, JsonElement? Metrics, bool HasReference, long ReferenceBytes);

/// <summary>A recorded evaluation run.</summary>
public sealed record EvalRunDto(string Id, string Model, string Version, string? GoldenSet, string DatasetSha256, string Task, bool Passed, JsonElement Config, JsonElement Result, DateTimeOffset CreatedAt, string CreatedBy)
{
    /// <summary>The DTO of <paramref name="r"/>.</summary>
    public static EvalRunDto Of(EvalRunRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        using var config = JsonDocument.Parse(r.ConfigJson);
        using var result = JsonDocument.Parse(r.ResultJson);
        return new EvalRunDto(r.Id, r.Model, r.Version, r.GoldenSet, r.DatasetSha256, r.Task, r.Passed, config.RootElement.Clone(), result.RootElement.Clone(), r.CreatedAt, r.CreatedBy);
    }
}

/// <summary>A webhook as shown (the secret only in the creation answer).</summary>
public sealed record WebhookDto(string Id, string Url, string? Model, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, string CreatedBy, string? Secret);

/// <summary>A delivery as shown (no secret).</summary>
public sealed record WebhookDeliveryDto(long Id, string WebhookId, string Url, string EventType, int Attempts, string Status, DateTimeOffset NextAttemptAt, int? LastStatusCode, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt)
{
    /// <summary>The DTO of <paramref name="d"/>.</summary>
    public static WebhookDeliveryDto Of(WebhookDelivery d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new WebhookDeliveryDto(d.Id, d.WebhookId, d.Url, d.EventType, d.Attempts, d.Status, d.NextAttemptAt, d.LastStatusCode, d.LastError, d.CreatedAt, d.DeliveredAt);
    }
}

/// <summary>Request bodies.</summary>
internal static class RegistryBodies
{
    public sealed record ModelBody(string? Description, Dictionary<string, string>? Tags);

    public sealed record StageBody(string Stage, string? Reason, string? ExpectedProduction);

    public sealed record ApprovalBody(string? Stage, string? Comment);

    public sealed record AliasBody(string Version, string? Reason);

    public sealed record ReasonBody(string? Reason);

    public sealed record WebhookBody(string Url, string? Secret, string? Model, List<string>? Events);

    public sealed record EvalRunBody(string Version, string? GoldenSet, string DatasetSha256, JsonElement? Config, JsonElement Result);
}
