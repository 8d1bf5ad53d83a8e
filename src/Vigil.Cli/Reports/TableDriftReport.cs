using System.Globalization;
using Spectre.Console;
using Vigil.Cli.Commands;
using Vigil.Statistics.Drift;

namespace Vigil.Cli.Reports;

/// <summary>The default console output: a summary line and one table row per column.</summary>
internal static class TableDriftReport
{
    public static void Write(DriftOutcome outcome, IAnsiConsole console)
    {
        var report = outcome.Report;
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Column")
            .AddColumn("Type")
            .AddColumn("Method")
            .AddColumn(new TableColumn("Statistic").RightAligned())
            .AddColumn(new TableColumn("p-value").RightAligned())
            .AddColumn(new TableColumn("Threshold").RightAligned())
            .AddColumn("Drift")
            .AddColumn(new TableColumn("Ref n (missing)").RightAligned())
            .AddColumn(new TableColumn("Cur n (missing)").RightAligned());

        foreach (var c in report.Columns)
        {
            var p = c.PValue is null ? "-" : FormatP(c.AdjustedPValue ?? c.PValue.Value)
                + (report.Correction != PValueCorrection.None ? "*" : string.Empty);
            table.AddRow(
                Markup.Escape(c.Column),
                c.Type == ColumnType.Numerical ? "num" : "cat",
                c.Method,
                Format(c.Statistic),
                p,
                Format(c.Threshold),
                c.Drifted ? "[red bold]DRIFT[/]" : "[green]ok[/]",
                $"{c.ReferenceCount:N0} ({c.ReferenceMissing:N0})",
                $"{c.CurrentCount:N0} ({c.CurrentMissing:N0})");
        }

        console.Write(table);
        if (report.Correction != PValueCorrection.None)
        {
            console.MarkupLine($"[grey]* p-values adjusted ({JsonDriftReport.CorrectionName(report.Correction)}) across {report.Columns.Count(c => c.PValue is not null)} tested columns[/]");
        }

        var verdict = report.DatasetDrift ? "[red bold]Dataset drift detected[/]" : "[green bold]No dataset drift[/]";
        console.MarkupLine(
            $"{verdict}: {report.DriftedColumns} of {report.TotalColumns} columns drifted "
            + $"(share {report.DriftShare.ToString("0.###", CultureInfo.InvariantCulture)}, threshold {report.DriftShareThreshold.ToString("0.###", CultureInfo.InvariantCulture)}). "
            + $"[grey]{outcome.ReferenceRows:N0} reference rows, {outcome.CurrentRows:N0} current rows, {outcome.Elapsed.TotalSeconds:0.00} s[/]");
    }

    internal static string Format(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsInfinity(value) ? (value > 0 ? "inf" : "-inf")
        : value != 0 && (Math.Abs(value) < 1e-3 || Math.Abs(value) >= 1e6) ? value.ToString("0.###e+0", CultureInfo.InvariantCulture)
        : value.ToString("0.####", CultureInfo.InvariantCulture);

    internal static string FormatP(double p) => p < 1e-4 ? p.ToString("0.##e+0", CultureInfo.InvariantCulture) : p.ToString("0.####", CultureInfo.InvariantCulture);
}
