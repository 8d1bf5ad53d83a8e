namespace Vigil.Statistics.Drift;

/// <summary>
/// Neumaier-compensated summation: the total is within a few ulps of the exact sum, so results do not
/// depend on the summation order (numpy's pairwise sum is itself within O(log n) ulps of exact).
/// </summary>
internal struct NeumaierAccumulator
{
    private double _sum;
    private double _compensation;

    /// <summary>The compensated total.</summary>
    public readonly double Total => _sum + _compensation;

    /// <summary>Adds <paramref name="term"/>.</summary>
    public void Add(double term)
    {
        var t = _sum + term;
        if (Math.Abs(_sum) >= Math.Abs(term))
        {
            _compensation += (_sum - t) + term;
        }
        else
        {
            _compensation += (term - t) + _sum;
        }

        _sum = t;
    }
}
