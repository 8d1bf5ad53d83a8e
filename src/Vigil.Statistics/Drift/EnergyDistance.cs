namespace Vigil.Statistics.Drift;

/// <summary>The energy distance between two empirical distributions (Székely's E-statistic, square-rooted).</summary>
/// <remarks>
/// <para>
/// Formula: D(u, v) = (2 E|X − Y| − E|X − X'| − E|Y − Y'|)^½, which in one dimension equals
/// √2 · (∫ (U(x) − V(x))² dx)^½ with U and V the empirical CDFs. Over the pooled sorted values this is
/// √2 · (Σ_t (U(z_t) − V(z_t))² (z_{t+1} − z_t))^½, as <c>scipy.stats.energy_distance</c> 1.10 evaluates it
/// (unweighted). One merge walk over the sorted samples, O(n₁ + n₂) time and no allocation.
/// </para>
/// <para>Assumptions: numerical data on a common scale; the distance has the units of the square root of the data.</para>
/// <para>
/// Evidently 0.7 (<c>ed</c>, "Energy-distance"): the drift score is <c>energy_distance(reference, current)</c>,
/// drift when score &gt; threshold (strictly greater; default 0.1).
/// </para>
/// <para>
/// References: G. J. Székely, "E-statistics: the energy of statistical samples" (2003); M. G. Bellemare et al.,
/// "The Cramér Distance as a Solution to Biased Wasserstein Gradients" (2017), which scipy cites.
/// </para>
/// </remarks>
public static class EnergyDistance
{
    /// <summary><c>scipy.stats.energy_distance(reference, current)</c> (unweighted).</summary>
    /// <param name="sortedReference">Reference values, sorted ascending, finite.</param>
    /// <param name="sortedCurrent">Current values, sorted ascending, finite.</param>
    /// <returns>The distance, ≥ 0; 0 for identical samples.</returns>
    /// <exception cref="ArgumentException">A sample is empty, unsorted, or contains NaN or infinity.</exception>
    public static double Compute(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedCurrent)
    {
        SortedSpanGuard.Check(sortedReference, nameof(sortedReference), requireFinite: true);
        SortedSpanGuard.Check(sortedCurrent, nameof(sortedCurrent), requireFinite: true);
        var sum = CdfDistance.SumOfTerms(sortedReference, sortedCurrent, squared: true);
        return Math.Sqrt(2.0) * Math.Sqrt(sum);
    }
}
