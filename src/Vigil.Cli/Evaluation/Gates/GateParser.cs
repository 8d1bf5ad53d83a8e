using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Cli.Evaluation.Gates;

/// <summary>
/// Parses <c>--gate</c> text: <c>METRIC OP NUMBER</c> or <c>METRIC OP baseline [(+|-) NUMBER[%]]</c> with OP one of
/// <c>&gt;=</c>, <c>&gt;</c>, <c>&lt;=</c>, <c>&lt;</c> (spaces optional), e.g. <c>accuracy&gt;=0.9</c>,
/// <c>f1&gt;=baseline-0.02</c>, <c>pass_rate&gt;=baseline-5%</c>, <c>mae&lt;=baseline+10%</c>.
/// </summary>
internal static partial class GateParser
{
    public static GateRule Parse(string text, string source = "--gate")
    {
        var m = Gate().Match(text);
        if (!m.Success)
        {
            throw new UsageException($"{source} '{text}': expected METRIC OP VALUE, e.g. accuracy>=0.9 or f1>=baseline-0.02 (OP: >=, >, <=, <).");
        }

        return ParseRule(m.Groups["metric"].Value, m.Groups["op"].Value + m.Groups["rhs"].Value, $"{source} '{text}'");
    }

    /// <summary>Parses the part after the metric, e.g. <c>&gt;= baseline - 0.02</c>.</summary>
    public static GateRule ParseRule(string metric, string rule, string source)
    {
        var m = Rule().Match(rule);
        if (!m.Success)
        {
            throw new UsageException($"{source}: expected OP VALUE or OP baseline[+-CHANGE[%]], e.g. >=0.9 or >=baseline-0.02.");
        }

        var comparison = m.Groups["op"].Value switch
        {
            ">=" => GateComparison.AtLeast,
            ">" => GateComparison.Above,
            "<=" => GateComparison.AtMost,
            _ => GateComparison.Below,
        };
        if (m.Groups["baseline"].Success)
        {
            var change = 0.0;
            if (m.Groups["change"].Success)
            {
                change = Number(m.Groups["change"].Value, source);
                change = m.Groups["sign"].Value == "-" ? -change : change;
            }

            return new GateRule(metric, comparison, double.NaN, true, change, m.Groups["percent"].Success);
        }

        return new GateRule(metric, comparison, Number(m.Groups["value"].Value, source), false, 0, false);
    }

    private static double Number(string text, string source) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new UsageException($"{source}: '{text}' is not a finite number.");

    [GeneratedRegex(@"^\s*(?<metric>[A-Za-z_][A-Za-z0-9_]*)\s*(?<op>>=|<=|>|<)\s*(?<rhs>.*?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Gate();

    [GeneratedRegex(@"^\s*(?<op>>=|<=|>|<)\s*(?:(?<baseline>baseline)(?:\s*(?<sign>[+-])\s*(?<change>[0-9.eE+-]+)\s*(?<percent>%)?)?|(?<value>[-+]?[0-9.eE+-]+))\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Rule();
}
