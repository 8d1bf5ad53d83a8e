using Vigil.Statistics.Drift;

namespace Vigil.Statistics.Profiles;

/// <summary>A drift result computed from profiles, with its exactness.</summary>
/// <param name="Method">The method's name.</param>
/// <param name="Result">Statistic, p-value and verdict.</param>
/// <param name="IsExact">True when both profiles were exact and the result equals the raw-data result.</param>
/// <param name="StatisticLow">Lower end of the statistic's interval when approximate and bounded.</param>
/// <param name="StatisticHigh">Upper end of the statistic's interval when approximate and bounded.</param>
/// <param name="PValueLow">Lower end of the p-value's interval when approximate.</param>
/// <param name="PValueHigh">Upper end of the p-value's interval when approximate.</param>
/// <param name="Bound">What the approximation guarantees, in words.</param>
/// <param name="Distribution">The bins compared (for charts), when the method bins.</param>
public sealed record ProfileDriftResult(
    string Method,
    DriftTestResult Result,
    bool IsExact,
    double? StatisticLow,
    double? StatisticHigh,
    double? PValueLow,
    double? PValueHigh,
    string? Bound,
    BinnedCounts? Distribution);
