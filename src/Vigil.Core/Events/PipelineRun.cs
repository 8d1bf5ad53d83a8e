namespace Vigil.Core.Events;

/// <summary>One run of a data or feature pipeline.</summary>
/// <param name="Id">The run's id (idempotency key within the pipeline); the scheduled time in ISO 8601 when not given.</param>
/// <param name="ScheduledAt">When the run was due.</param>
/// <param name="CompletedAt">When it completed, or null when it has not (failed or still running).</param>
/// <param name="Rows">Rows delivered.</param>
/// <param name="SchemaViolations">Rows that failed schema validation.</param>
public sealed record PipelineRun(string Id, DateTimeOffset ScheduledAt, DateTimeOffset? CompletedAt, long Rows, long SchemaViolations);
