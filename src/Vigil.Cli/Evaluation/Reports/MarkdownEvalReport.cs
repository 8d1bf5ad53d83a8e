using System.Text;
using Vigil.Cli.Evaluation.Scoring;

namespace Vigil.Cli.Evaluation.Reports;

/// <summary>A Markdown summary for CI comments (<c>--markdown FILE</c>): verdict, gates, metrics per tag, fields, usage.</summary>
internal static class MarkdownEvalReport
{
    public static void Write(EvalReport report, TextWriter writer)
    {
        var failed = report.Gates.Count(g => !g.Passed);
        var verdict = report.Gates.Count == 0 ? "no gates" : failed == 0 ? $"**passed** ({report.Gates.Count} gates)" : $"**failed** ({failed} of {report.Gates.Count} gates)";
        writer.WriteLine($"### vigil eval: {verdict}");
        writer.WriteLine();
        writer.WriteLine($"Task `{TaskInputCheck.Name(report.Task)}` on `{Cell(report.DatasetPath)}` (`{report.DatasetHash}`): "
            + $"{report.Count} items, {report.Scored} scored, {report.Missing} missing, {report.Failed} failed"
            + (report.ExtraIds.Count > 0 ? $", {report.ExtraIds.Count} prediction ids not in the dataset" : string.Empty) + ".");
        foreach (var warning in report.Warnings)
        {
            writer.WriteLine();
            writer.WriteLine($"> warning: {Cell(warning)}");
        }

        if (report.Gates.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("| Gate | Value | Baseline | Delta [95% CI] | Result |");
            writer.WriteLine("|---|---:|---:|---:|---|");
            foreach (var gate in report.Gates)
            {
                writer.WriteLine($"| `{Cell(gate.Gate.ToString())}` | {ReportFormat.Number(gate.Value)} | {ReportFormat.Number(gate.Baseline)} | {ReportFormat.Delta(gate)} | {(gate.Passed ? "pass" : "**FAIL**")} |");
            }
        }

        var tags = report.ByTag.Keys.Order(StringComparer.Ordinal).Take(ReportFormat.MaxTagColumns).ToList();
        writer.WriteLine();
        writer.WriteLine("| Metric | all | " + string.Concat(tags.Select(t => Cell(t) + " | ")).TrimEnd());
        writer.WriteLine("|---|---:|" + string.Concat(tags.Select(_ => "---:|")));
        foreach (var metric in ReportFormat.MetricOrder(report.Metrics.Keys))
        {
            var row = new StringBuilder($"| {metric} | {ReportFormat.Number(report.Metrics[metric])} |");
            foreach (var tag in tags)
            {
                row.Append(' ').Append(ReportFormat.Number(report.ByTag[tag].TryGetValue(metric, out var v) ? v : null)).Append(" |");
            }

            writer.WriteLine(row.ToString());
        }

        if (report.Fields.Count > 0)
        {
            var metrics = ReportFormat.MetricOrder(report.Fields.Values.SelectMany(f => f.Keys).Where(k => k != "support"));
            writer.WriteLine();
            writer.WriteLine("<details><summary>Per field</summary>");
            writer.WriteLine();
            writer.WriteLine("| Field | support | " + string.Join(" | ", metrics) + " |");
            writer.WriteLine("|---|---:|" + string.Concat(metrics.Select(_ => "---:|")));
            foreach (var (field, values) in report.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                writer.WriteLine($"| {Cell(field)} | {ReportFormat.Number(values.TryGetValue("support", out var s) ? s : null)} | "
                    + string.Join(" | ", metrics.Select(m => ReportFormat.Number(values.TryGetValue(m, out var v) ? v : null))) + " |");
            }

            writer.WriteLine();
            writer.WriteLine("</details>");
        }

        if (report.Latency is { } latency)
        {
            writer.WriteLine();
            writer.WriteLine($"Endpoint latency: p50 {ReportFormat.Number(latency.P50)} ms, p95 {ReportFormat.Number(latency.P95)} ms.");
        }

        if (report.Judge is { } judge)
        {
            writer.WriteLine();
            writer.WriteLine($"Judge `{Cell(judge.Model)}`: {judge.Calls} calls, {judge.FailedCalls} failed, {judge.ParseFailures} unparseable; "
                + $"{judge.PromptTokens} prompt + {judge.CompletionTokens} completion tokens"
                + (judge.Cost is { } cost ? $", cost {ReportFormat.Number(cost)}" : string.Empty) + ".");
        }
    }

    // Table cells: a pipe would end the cell, a newline the row.
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
