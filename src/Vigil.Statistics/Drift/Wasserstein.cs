namespace Vigil.Statistics.Drift;

/// <summary>The first Wasserstein (earth mover's) distance between two empirical distributions.</summary>
/// <remarks>
/// <para>
/// Formula: W₁(u, v) = ∫ |U(x) − V(x)| dx, with U and V the empirical CDFs. Over the pooled sorted values
/// z_0 ≤ … ≤ z_{N−1} this is Σ_t |U(z_t) − V(z_t)| (z_{t+1} − z_t), exactly the sum
/// <c>scipy.stats.wasserstein_distance</c> 1.10 evaluates (unweighted). It is computed by one merge walk over
/// the two sorted samples, O(n₁ + n₂) time and no allocation.
/// </para>
/// <para>Assumptions: numerical data on a common scale; the distance has the units of the data.</para>
/// <para>
/// Evidently 0.7 (<c>wasserstein</c>, "Wasserstein distance (normed)"): the drift score is
/// <c>wasserstein_distance(reference, current) / max(np.std(reference), 0.001)</c> (population standard
/// deviation), drift when score ≥ threshold (default 0.1); see <see cref="NormedDistance"/>.
/// </para>
/// <para>Reference: C. Villani, "Optimal Transport, Old and New" (2009); scipy 1.10 <c>_cdf_distance</c> with p = 1.</para>
/// </remarks>
public static class Wasserstein
{
    /// <summary>Evidently's floor on the reference standard deviation in the normed distance.</summary>
    public const double MinimumNormalizer = 0.001;

    /// <summary><c>scipy.stats.wasserstein_distance(reference, current)</c> (unweighted).</summary>
    /// <param name="sortedReference">Reference values, sorted ascending, finite.</param>
    /// <param name="sortedCurrent">Current values, sorted ascending, finite.</param>
    /// <returns>The distance, ≥ 0; 0 for identical samples.</returns>
    /// <exception cref="ArgumentException">A sample is empty, unsorted, or contains NaN or infinity.</exception>
    public static double Distance(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedCurrent)
    {
        SortedSpanGuard.Check(sortedReference, nameof(sortedReference), requireFinite: true);
        SortedSpanGuard.Check(sortedCurrent, nameof(sortedCurrent), requireFinite: true);
        return CdfDistance.SumOfTerms(sortedReference, sortedCurrent, squared: false);
    }

    /// <summary>
    /// Evidently's normed Wasserstein distance: <see cref="Distance"/> divided by
    /// max(population standard deviation of the reference, 0.001).
    /// </summary>
    /// <param name="reference">The reference sample (NaN and infinities already dropped).</param>
    /// <param name="current">The current sample.</param>
    /// <returns>The normed distance, ≥ 0.</returns>
    /// <exception cref="ArgumentException">A sample is empty.</exception>
    public static double NormedDistance(SortedSample reference, SortedSample current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        var distance = Distance(reference.Values, current.Values);
        return distance / Math.Max(reference.PopulationStandardDeviation, MinimumNormalizer);
    }
}
