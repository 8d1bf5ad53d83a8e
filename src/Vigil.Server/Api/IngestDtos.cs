using Vigil.Core.Events;

namespace Vigil.Server.Api;

/// <summary>What happened to a batch: rows stored now, rows rejected (with reasons), rows already stored earlier.</summary>
/// <param name="Accepted">Rows validated and committed by this request.</param>
/// <param name="Rejected">Rows that failed validation (not stored).</param>
/// <param name="Duplicates">Valid rows whose id was already stored (not stored again).</param>
/// <param name="Joined">Labels joined to their predictions by this request.</param>
/// <param name="Errors">The first 1,000 rejections: row index, field and reason.</param>
public sealed record IngestResponse(int Accepted, int Rejected, int Duplicates, int Joined, IReadOnlyList<RowError> Errors);
