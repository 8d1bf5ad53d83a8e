namespace Vigil.Statistics.Evaluation.Text;

/// <summary>sacreBLEU's smoothing methods (Chen and Cherry 2014); <see cref="Exponential"/> is sacreBLEU's default.</summary>
internal enum BleuSmoothing
{
    /// <summary><c>none</c>: a zero precision gives a zero score.</summary>
    None,

    /// <summary><c>floor</c> (method 1): a zero match count becomes the smoothing value (default 0.1).</summary>
    Floor,

    /// <summary><c>add-k</c> (method 2): k (default 1) added to matches and totals for n ≥ 2.</summary>
    AddK,

    /// <summary><c>exp</c> (method 3, mteval-v13a's): the k-th zero-match order gets precision 1 / (2^k · total).</summary>
    Exponential,
}
