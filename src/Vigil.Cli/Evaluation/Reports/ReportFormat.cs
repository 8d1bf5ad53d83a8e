using System.Globalization;
using Vigil.Cli.Evaluation.Gates;

namespace Vigil.Cli.Evaluation.Reports;

/// <summary>Number formatting shared by the console, Markdown and JUnit outputs.</summary>
internal static class ReportFormat
{
    /// <summary>Tags shown as columns of the console and Markdown metric tables; the rest are in the JSON.</summary>
    public const int MaxTagColumns = 6;

    public static string Number(double? value) => value switch
    {
        null => "-",
        { } v when double.IsNaN(v) => "NaN",
        { } v when double.IsInfinity(v) => v > 0 ? "inf" : "-inf",
        { } v when v != 0 && (Math.Abs(v) < 1e-4 || Math.Abs(v) >= 1e6) => v.ToString("0.###e+0", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.####", CultureInfo.InvariantCulture),
    };

    public static string Signed(double value) => (value > 0 ? "+" : string.Empty) + Number(value);

    /// <summary>The delta and its interval, e.g. <c>-0.0333 [-0.1333, +0.0667]</c>.</summary>
    public static string Delta(GateResult gate) => gate.Delta is not { } delta
        ? "-"
        : gate.Interval is { } ci ? $"{Signed(delta)} [{Signed(ci.Low)}, {Signed(ci.High)}]" : Signed(delta);

    /// <summary>The metric names of a table in a stable order: the task's metrics first, then coverage and pass_rate.</summary>
    public static List<string> MetricOrder(IEnumerable<string> names)
    {
        var tail = new[] { "pass_rate", "coverage" };
        var list = names.Distinct(StringComparer.Ordinal).ToList();
        var head = list.Where(n => !tail.Contains(n)).OrderBy(Rank).ThenBy(n => n, StringComparer.Ordinal).ToList();
        head.AddRange(tail.Where(list.Contains));
        return head;
    }

    private static readonly string[] Known =
    [
        "accuracy", "precision", "recall", "f1", "f1_macro", "f1_micro", "f1_weighted", "roc_auc", "pr_auc", "log_loss", "brier", "ece",
        "mae", "rmse", "mape", "r2",
        "field_exact_match", "token_f1", "document_accuracy", "null_rate", "false_positive_rate", "schema_compliance", "field_coverage", "grounding",
        "bleu", "chrf", "rouge1", "rouge2", "rougeL",
        "judge_score", "win_rate", "position_consistency", "judge_kappa", "judge_coverage",
    ];

    private static int Rank(string name)
    {
        var i = Array.IndexOf(Known, name);
        return i < 0 ? Known.Length : i;
    }
}
