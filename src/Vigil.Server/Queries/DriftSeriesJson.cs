namespace Vigil.Server.Queries;

/// <summary>One version and variant's drift series with its points already serialized (see <see cref="DriftSeries"/>).</summary>
/// <param name="Version">The version.</param>
/// <param name="Variant">The variant.</param>
/// <param name="ReferenceVersion">The reference compared against (a version, or "baseline").</param>
/// <param name="Points">Each <see cref="DriftPoint"/>'s JSON, in bucket order.</param>
internal sealed record DriftSeriesJson(string Version, string Variant, string ReferenceVersion, IReadOnlyList<byte[]> Points);
