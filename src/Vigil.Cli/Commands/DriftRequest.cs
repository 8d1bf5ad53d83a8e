using Vigil.Cli.Data;
using Vigil.Statistics.Drift;

namespace Vigil.Cli.Commands;

/// <summary>Everything <c>vigil drift</c> was asked to do, after parsing.</summary>
internal sealed record DriftRequest(
    string ReferencePath,
    string CurrentPath,
    IReadOnlyList<string>? Columns,
    IReadOnlyDictionary<string, ColumnTypeHint> ColumnTypes,
    DriftOptions Options);
