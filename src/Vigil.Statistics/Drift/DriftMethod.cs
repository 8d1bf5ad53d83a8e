namespace Vigil.Statistics.Drift;

/// <summary>A named drift method: what it accepts, how it decides, and how to evaluate it on a column.</summary>
public sealed class DriftMethod
{
    private readonly Func<DriftColumnInput, double, DriftTestResult> _evaluate;

    internal DriftMethod(
        string name,
        string displayName,
        bool numerical,
        bool categorical,
        bool isTest,
        double defaultThreshold,
        Func<DriftColumnInput, double, DriftTestResult> evaluate)
    {
        Name = name;
        DisplayName = displayName;
        SupportsNumerical = numerical;
        SupportsCategorical = categorical;
        IsHypothesisTest = isTest;
        DefaultThreshold = defaultThreshold;
        _evaluate = evaluate;
    }

    /// <summary>The method's name as used on the command line and in reports (Evidently's name where Evidently has the method).</summary>
    public string Name { get; }

    /// <summary>A human-readable name.</summary>
    public string DisplayName { get; }

    /// <summary>Whether the method accepts numerical columns.</summary>
    public bool SupportsNumerical { get; }

    /// <summary>Whether the method accepts categorical columns.</summary>
    public bool SupportsCategorical { get; }

    /// <summary>True for hypothesis tests (decision: p-value below threshold); false for distances (statistic at or above threshold).</summary>
    public bool IsHypothesisTest { get; }

    /// <summary>The threshold used when none is given (Evidently's default: 0.05 for tests, 0.1 for distances).</summary>
    public double DefaultThreshold { get; }

    /// <summary>True when a p-value equal to the threshold counts as drift (Evidently's rule for ks and cramer_von_mises).</summary>
    public bool InclusiveThreshold { get; init; }

    /// <summary>The decision for a (possibly adjusted) p-value.</summary>
    public bool IsSignificant(double pValue, double threshold) => InclusiveThreshold ? pValue <= threshold : pValue < threshold;

    /// <summary>Whether the method accepts a column of <paramref name="type"/>.</summary>
    public bool Supports(ColumnType type) => type == ColumnType.Numerical ? SupportsNumerical : SupportsCategorical;

    /// <summary>Evaluates the method on one column.</summary>
    /// <param name="input">The column's data.</param>
    /// <param name="threshold">The decision threshold; <see cref="DefaultThreshold"/> when null.</param>
    /// <exception cref="ArgumentException">The column is empty on one side, or the threshold is not finite.</exception>
    public DriftTestResult Evaluate(DriftColumnInput input, double? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var t = threshold ?? DefaultThreshold;
        if (!double.IsFinite(t))
        {
            throw new ArgumentException($"threshold must be a finite number, got {t}.", nameof(threshold));
        }

        if (input.ReferenceCount == 0)
        {
            throw new ArgumentException("the reference has no non-missing values.", nameof(input));
        }

        if (input.CurrentCount == 0)
        {
            throw new ArgumentException("the current data has no non-missing values.", nameof(input));
        }

        return _evaluate(input, t);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
