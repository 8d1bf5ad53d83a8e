using Vigil.Core.Windows;

namespace Vigil.Storage;

/// <summary>A prediction as stored: its key columns and the event's JSON as received.</summary>
/// <param name="Id">Event id (unique within the model).</param>
/// <param name="Timestamp">Unix milliseconds of the prediction.</param>
/// <param name="Version">Model version.</param>
/// <param name="Variant">Variant.</param>
/// <param name="Raw">The event's JSON.</param>
public sealed record PredictionRecord(string Id, long Timestamp, string Version, string Variant, ReadOnlyMemory<byte> Raw);

/// <summary>A label as stored.</summary>
/// <param name="Id">The prediction's event id.</param>
/// <param name="Label">True class, or null (regression).</param>
/// <param name="Value">True value (regression), or NaN.</param>
/// <param name="Timestamp">Unix milliseconds when the label was observed.</param>
public sealed record LabelRecord(string Id, string? Label, double Value, long Timestamp)
{
    /// <summary>The label as a domain event.</summary>
    public Core.Events.LabelEvent ToEvent() => new(Id, Label, Value, DateTimeOffset.FromUnixTimeMilliseconds(Timestamp));
}

/// <summary>A label joined to its prediction (the pair's first join: each pair is claimed exactly once).</summary>
/// <param name="Prediction">The prediction's JSON.</param>
/// <param name="Label">The label.</param>
public sealed record JoinedRecord(ReadOnlyMemory<byte> Prediction, LabelRecord Label);

/// <summary>One stored window row; several rows of one key are deltas that merge into the window.</summary>
/// <param name="Key">The window.</param>
/// <param name="Profile">A <see cref="WindowProfileFormat"/> payload.</param>
public sealed record StoredWindow(WindowKey Key, byte[] Profile);

/// <summary>Rows of a model rejected by validation, per window of arrival.</summary>
/// <param name="Version">The row's version when readable, else empty.</param>
/// <param name="Variant">The row's variant when readable, else empty.</param>
/// <param name="Start">The window start.</param>
/// <param name="Count">Rows rejected.</param>
public sealed record RejectCount(string Version, string Variant, DateTimeOffset Start, long Count);

/// <summary>Which windows a query reads.</summary>
/// <param name="Model">The model.</param>
/// <param name="From">Windows starting at or after this time.</param>
/// <param name="To">Windows starting before this time.</param>
/// <param name="Version">One version, or all when null.</param>
/// <param name="Variant">One variant, or all when null.</param>
/// <param name="Segment">The segment key (empty: all traffic).</param>
public sealed record WindowQuery(string Model, DateTimeOffset From, DateTimeOffset To, string? Version = null, string? Variant = null, string Segment = "");

/// <summary>A row read back for a rebuild: a prediction and its label, when one has arrived.</summary>
/// <param name="Prediction">The prediction's JSON.</param>
/// <param name="Label">Its label, or null.</param>
public sealed record RebuildRow(ReadOnlyMemory<byte> Prediction, LabelRecord? Label);

/// <summary>An API key as stored: only a hash of its secret.</summary>
/// <param name="Id">The public key id (the part of the key before the secret).</param>
/// <param name="Name">Who holds it (shown in audit entries).</param>
/// <param name="Scopes">ingest, read, admin.</param>
/// <param name="SecretHash">SHA-256 of the secret.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="RevokedAt">Revocation time, or null.</param>
public sealed record ApiKeyRecord(string Id, string Name, IReadOnlyList<string> Scopes, byte[] SecretHash, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt = null);
