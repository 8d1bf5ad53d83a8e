using System.Globalization;

namespace Vigil.Cli.Evaluation.Gates;

/// <summary>
/// One gate. Absolute: <c>metric OP threshold</c>. Relative to the baseline run: <c>metric OP baseline + change</c>,
/// where the change is <see cref="Change"/> itself or, when <see cref="Percent"/>, that many percent of
/// |baseline value|; so <c>f1 &gt;= baseline - 0.02</c> lets f1 drop by at most 0.02 and
/// <c>pass_rate &gt;= baseline - 5%</c> by at most 5% of its baseline value.
/// </summary>
/// <param name="Metric">The metric name.</param>
/// <param name="Comparison">The comparison.</param>
/// <param name="Threshold">The absolute threshold (absolute gates).</param>
/// <param name="RelativeToBaseline">The gate compares with the baseline run.</param>
/// <param name="Change">The allowed or required change from the baseline (signed; relative gates).</param>
/// <param name="Percent">The change is a percentage of |baseline value|.</param>
internal sealed record GateRule(string Metric, GateComparison Comparison, double Threshold, bool RelativeToBaseline, double Change, bool Percent)
{
    /// <summary>The operator's text.</summary>
    public string Operator => Comparison switch
    {
        GateComparison.AtLeast => ">=",
        GateComparison.Above => ">",
        GateComparison.AtMost => "<=",
        _ => "<",
    };

    /// <summary>Higher values are required (<c>&gt;=</c>, <c>&gt;</c>).</summary>
    public bool HigherIsBetter => Comparison is GateComparison.AtLeast or GateComparison.Above;

    /// <summary>The rule without the metric, e.g. <c>&gt;= 0.9</c> or <c>&gt;= baseline - 0.02</c>.</summary>
    public string Rule
    {
        get
        {
            if (!RelativeToBaseline)
            {
                return $"{Operator} {Format(Threshold)}";
            }

            var change = Change == 0 ? string.Empty : $" {(Change < 0 ? "-" : "+")} {Format(Math.Abs(Change))}{(Percent ? "%" : string.Empty)}";
            return $"{Operator} baseline{change}";
        }
    }

    /// <summary>The whole gate, e.g. <c>accuracy &gt;= 0.9</c>.</summary>
    public override string ToString() => $"{Metric} {Rule}";

    /// <summary>The allowed delta (current - baseline) for a baseline value.</summary>
    public double AllowedDelta(double baseline) => Percent ? Change / 100 * Math.Abs(baseline) : Change;

    /// <summary>Whether <paramref name="value"/> satisfies the comparison with <paramref name="bound"/>.</summary>
    public bool Satisfies(double value, double bound) => Comparison switch
    {
        GateComparison.AtLeast => value >= bound,
        GateComparison.Above => value > bound,
        GateComparison.AtMost => value <= bound,
        _ => value < bound,
    };

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
