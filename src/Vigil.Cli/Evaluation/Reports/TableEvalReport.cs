using Spectre.Console;
using Vigil.Cli.Evaluation.Scoring;

namespace Vigil.Cli.Evaluation.Reports;

/// <summary>The console output: a summary, the metrics (overall and per tag), per-field or confusion tables, usage and gates.</summary>
internal static class TableEvalReport
{
    public static void Write(EvalReport report, IAnsiConsole console)
    {
        console.MarkupLine($"[bold]vigil eval[/] · task [bold]{TaskInputCheck.Name(report.Task)}[/] [grey]({Markup.Escape(report.TaskReason)})[/]");
        console.MarkupLine($"dataset {Markup.Escape(report.DatasetPath)} [grey]{Markup.Escape(report.DatasetHash)}[/]");
        console.MarkupLine($"{report.Count:N0} items: {report.Scored:N0} scored, {Warn(report.Missing)} missing, {Warn(report.Failed)} failed"
            + (report.ExtraIds.Count > 0 ? $"; {report.ExtraIds.Count:N0} prediction ids not in the dataset (ignored)" : string.Empty)
            + $" [grey]· predictions from {Markup.Escape(report.Source)}[/]");
        foreach (var warning in report.Warnings)
        {
            console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
        }

        WriteMetrics(report, console);
        if (report.Confusion is { Labels.Count: <= 20 } confusion)
        {
            WriteConfusion(confusion, report.PositiveLabel, console);
        }

        if (report.Fields.Count > 0)
        {
            WriteFields(report, console);
        }

        if (report.Latency is { } latency)
        {
            console.MarkupLine($"endpoint latency: p50 {ReportFormat.Number(latency.P50)} ms, p95 {ReportFormat.Number(latency.P95)} ms, max {ReportFormat.Number(latency.Max)} ms over {latency.Count:N0} answers");
        }

        if (report.Judge is { } judge)
        {
            console.MarkupLine($"judge {Markup.Escape(judge.Model)}: {judge.Calls:N0} calls, {Warn(judge.FailedCalls)} failed, {Warn(judge.ParseFailures)} unparseable answers; "
                + $"{judge.PromptTokens:N0} prompt + {judge.CompletionTokens:N0} completion tokens"
                + (judge.Cost is { } cost ? $", cost {ReportFormat.Number(cost)}" : string.Empty)
                + (judge.Latency is { } l ? $"; latency p50 {ReportFormat.Number(l.P50)} ms, p95 {ReportFormat.Number(l.P95)} ms" : string.Empty));
        }

        WriteGates(report, console);
    }

    private static void WriteMetrics(EvalReport report, IAnsiConsole console)
    {
        var tags = report.ByTag.Keys.Order(StringComparer.Ordinal).Take(ReportFormat.MaxTagColumns).ToList();
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Metric").AddColumn(new TableColumn($"all (n={report.Count})").RightAligned());
        foreach (var tag in tags)
        {
            var n = report.Items.Count(i => i.Golden.Tags.Contains(tag));
            table.AddColumn(new TableColumn($"{Markup.Escape(tag)} (n={n})").RightAligned());
        }

        foreach (var metric in ReportFormat.MetricOrder(report.Metrics.Keys))
        {
            var row = new List<string> { metric, ReportFormat.Number(report.Metrics[metric]) };
            row.AddRange(tags.Select(t => ReportFormat.Number(report.ByTag[t].TryGetValue(metric, out var v) ? v : null)));
            table.AddRow(row.ToArray());
        }

        console.Write(table);
        if (report.ByTag.Count > tags.Count)
        {
            console.MarkupLine($"[grey]{report.ByTag.Count - tags.Count} more tags in --format json (by_tag)[/]");
        }
    }

    private static void WriteConfusion(ConfusionTable confusion, string? positive, IAnsiConsole console)
    {
        console.MarkupLine("Confusion matrix [grey](rows expected, columns predicted" + (positive is null ? ")" : ", (+) positive label)") + "[/]");
        var table = new Table().Border(TableBorder.Rounded).AddColumn(string.Empty);
        foreach (var label in confusion.Labels)
        {
            table.AddColumn(new TableColumn(Markup.Escape(label) + (label == positive ? " (+)" : string.Empty)).RightAligned());
        }

        for (var r = 0; r < confusion.Labels.Count; r++)
        {
            var row = new List<string> { Markup.Escape(confusion.Labels[r]) };
            for (var c = 0; c < confusion.Labels.Count; c++)
            {
                row.Add(r == c ? $"[green]{confusion.Matrix[r, c]:N0}[/]" : confusion.Matrix[r, c].ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            }

            table.AddRow(row.ToArray());
        }

        console.Write(table);
    }

    private static void WriteFields(EvalReport report, IAnsiConsole console)
    {
        var metrics = ReportFormat.MetricOrder(report.Fields.Values.SelectMany(f => f.Keys).Where(k => k != "support"));
        var table = new Table().Border(TableBorder.Rounded).Title("Per field").AddColumn("Field").AddColumn(new TableColumn("support").RightAligned());
        foreach (var metric in metrics)
        {
            table.AddColumn(new TableColumn(metric).RightAligned());
        }

        foreach (var (field, values) in report.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var row = new List<string> { Markup.Escape(field), ReportFormat.Number(values.TryGetValue("support", out var s) ? s : null) };
            row.AddRange(metrics.Select(m => ReportFormat.Number(values.TryGetValue(m, out var v) ? v : null)));
            table.AddRow(row.ToArray());
        }

        console.Write(table);
    }

    private static void WriteGates(EvalReport report, IAnsiConsole console)
    {
        if (report.Gates.Count == 0)
        {
            console.MarkupLine("[grey]no gates (add --gate \"accuracy>=0.9\" or --gates FILE)[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title("Gates")
            .AddColumn("Gate").AddColumn(new TableColumn("Value").RightAligned()).AddColumn(new TableColumn("Baseline").RightAligned())
            .AddColumn(new TableColumn("Delta [[95% CI]]").RightAligned()).AddColumn("Result").AddColumn("Why");
        foreach (var gate in report.Gates)
        {
            table.AddRow(
                Markup.Escape(gate.Gate.ToString()),
                ReportFormat.Number(gate.Value),
                ReportFormat.Number(gate.Baseline),
                Markup.Escape(ReportFormat.Delta(gate)),
                gate.Passed ? "[green]pass[/]" : "[red bold]FAIL[/]",
                Markup.Escape(gate.Note));
        }

        console.Write(table);
        var failed = report.Gates.Count(g => !g.Passed);
        console.MarkupLine(failed == 0
            ? $"[green bold]Passed[/]: {report.Gates.Count} of {report.Gates.Count} gates"
            : $"[red bold]Failed[/]: {failed} of {report.Gates.Count} gates failed");
    }

    private static string Warn(int count) => count > 0 ? $"[yellow]{count:N0}[/]" : count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
