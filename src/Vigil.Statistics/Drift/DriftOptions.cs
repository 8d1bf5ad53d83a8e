namespace Vigil.Statistics.Drift;

/// <summary>Options of a dataset drift analysis. Defaults reproduce Evidently's data drift preset.</summary>
public sealed class DriftOptions
{
    /// <summary>A method for every column; overrides the per-type methods. Null (default): per type.</summary>
    public string? Method { get; init; }

    /// <summary>Method for numerical columns. Null (default): Evidently's automatic choice.</summary>
    public string? NumericalMethod { get; init; }

    /// <summary>Method for categorical columns. Null (default): Evidently's automatic choice.</summary>
    public string? CategoricalMethod { get; init; }

    /// <summary>Threshold for every column. Null (default): each method's own default.</summary>
    public double? Threshold { get; init; }

    /// <summary>The dataset drifts when the share of drifted columns is at least this. Default 0.5.</summary>
    public double DriftShare { get; init; } = 0.5;

    /// <summary>Correction of p-values across columns before the decision. Default none (as Evidently).</summary>
    public PValueCorrection Correction { get; init; } = PValueCorrection.None;

    /// <summary>
    /// Effect-size floor (null: none). When set, a hypothesis test flags drift only when it is significant
    /// and the column's effect size reaches the floor, so large samples stop flagging trivial shifts.
    /// Effect size: the KS distance D for numerical columns, the total variation distance for categorical
    /// ones; both are the share of probability mass that moved, in [0, 1].
    /// </summary>
    public double? MinimumEffect { get; init; }

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public void Validate()
    {
        if (!(DriftShare is >= 0 and <= 1))
        {
            throw new ArgumentException($"drift share must lie in [0, 1], got {DriftShare}.", nameof(DriftShare));
        }

        if (Threshold is { } t && (!double.IsFinite(t) || t < 0))
        {
            throw new ArgumentException($"threshold must be a finite non-negative number, got {t}.", nameof(Threshold));
        }

        if (MinimumEffect is { } e && !(e is >= 0 and <= 1))
        {
            throw new ArgumentException($"minimum effect must lie in [0, 1], got {e}.", nameof(MinimumEffect));
        }

        foreach (var (name, option) in new[] { (Method, "method"), (NumericalMethod, "numerical method"), (CategoricalMethod, "categorical method") })
        {
            if (name is not null && !DriftMethods.TryGet(name, out _))
            {
                throw new ArgumentException($"unknown {option} '{name}'; known methods: {string.Join(", ", DriftMethods.Names)}.", option);
            }
        }
    }
}
