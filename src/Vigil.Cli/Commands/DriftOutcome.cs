using Vigil.Statistics.Drift;

namespace Vigil.Cli.Commands;

/// <summary>The drift report plus what the renderers show beside it.</summary>
internal sealed record DriftOutcome(
    DriftRequest Request,
    DatasetDriftReport Report,
    long ReferenceRows,
    long CurrentRows,
    Func<int, BinnedCounts?> Distribution,
    TimeSpan Elapsed);
