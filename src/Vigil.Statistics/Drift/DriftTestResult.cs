namespace Vigil.Statistics.Drift;

/// <summary>The outcome of one drift method on one column.</summary>
/// <param name="Statistic">The method's statistic (a distance, or a test statistic).</param>
/// <param name="PValue">The p-value when the method is a hypothesis test; <see langword="null"/> for distances.</param>
/// <param name="Threshold">The threshold the decision was made against.</param>
/// <param name="Drifted">
/// For tests: <c>PValue &lt; Threshold</c>. For distances: <c>Statistic &gt;= Threshold</c>
/// (Evidently's convention for both).
/// </param>
public readonly record struct DriftTestResult(double Statistic, double? PValue, double Threshold, bool Drifted)
{
    /// <summary>A hypothesis-test result: drift when <paramref name="pValue"/> is below <paramref name="threshold"/>.</summary>
    public static DriftTestResult FromPValue(double statistic, double pValue, double threshold) =>
        new(statistic, pValue, threshold, pValue < threshold);

    /// <summary>A distance result: drift when <paramref name="distance"/> reaches <paramref name="threshold"/>.</summary>
    public static DriftTestResult FromDistance(double distance, double threshold) =>
        new(distance, null, threshold, distance >= threshold);
}
