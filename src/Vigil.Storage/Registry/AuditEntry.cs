namespace Vigil.Storage.Registry;

/// <summary>An audit entry before the store numbers and chains it.</summary>
/// <param name="At">When (stored with millisecond precision).</param>
/// <param name="Actor">The API key name that made the change.</param>
/// <param name="Model">The model.</param>
/// <param name="Version">The version concerned, or null.</param>
/// <param name="Action">What: model_updated, version_created, artifact_uploaded, stage_changed, alias_moved, approved, rollback, ...</param>
/// <param name="Reason">Why, as the caller said, or null.</param>
/// <param name="BeforeJson">The state before (JSON), or null.</param>
/// <param name="AfterJson">The state after (JSON), or null.</param>
public sealed record AuditDraft(DateTimeOffset At, string Actor, string Model, string? Version, string Action, string? Reason, string? BeforeJson, string? AfterJson);

/// <summary>An appended audit entry: numbered without gaps across the whole registry and hash-chained.</summary>
/// <param name="Seq">1, 2, 3, ... over the whole registry.</param>
/// <param name="Draft">What was recorded.</param>
/// <param name="PrevHash">The previous entry's hash (64 zeros for the first).</param>
/// <param name="Hash"><see cref="AuditChain.Hash"/> of this entry.</param>
public sealed record AuditEntry(long Seq, AuditDraft Draft, string PrevHash, string Hash);
