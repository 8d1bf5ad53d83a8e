namespace Vigil.Statistics.Drift;

/// <summary>The merge walk behind scipy's <c>_cdf_distance</c> for p = 1 (Wasserstein) and p = 2 (energy).</summary>
internal static class CdfDistance
{
    /// <summary>
    /// Σ over consecutive distinct pooled values z &lt; z' of |U(z) − V(z)|^p (z' − z), with U(z) = (count of
    /// u ≤ z) / n_u. Equal pooled neighbours add a zero term in scipy, so skipping them changes nothing.
    /// Each term is formed with scipy's operations (division, difference, absolute value or square, product);
    /// the sum is compensated.
    /// </summary>
    public static double SumOfTerms(ReadOnlySpan<double> u, ReadOnlySpan<double> v, bool squared)
    {
        int nu = u.Length, nv = v.Length;
        int i = 0, j = 0;
        var sum = default(NeumaierAccumulator);
        var z = Math.Min(u[0], v[0]);
        while (true)
        {
            while (i < nu && u[i] == z)
            {
                i++;
            }

            while (j < nv && v[j] == z)
            {
                j++;
            }

            if (i == nu && j == nv)
            {
                return sum.Total;
            }

            var next = i == nu ? v[j] : j == nv ? u[i] : Math.Min(u[i], v[j]);
            var diff = ((double)i / nu) - ((double)j / nv);
            var delta = next - z;
            sum.Add(squared ? diff * diff * delta : Math.Abs(diff) * delta);
            z = next;
        }
    }
}
