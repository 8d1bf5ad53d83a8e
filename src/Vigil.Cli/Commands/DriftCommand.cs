using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Cli.Data;
using Vigil.Cli.Reports;
using Vigil.Statistics.Drift;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil drift</c>: compares a reference and a current data file column by column.</summary>
internal static class DriftCommand
{
    public static Command Create()
    {
        var referenceArg = new Argument<string?>("reference") { Description = "Reference data file (.csv, .jsonl, .parquet), e.g. the training data.", Arity = ArgumentArity.ZeroOrOne };
        var currentArg = new Argument<string?>("current") { Description = "Current data file to compare with the reference.", Arity = ArgumentArity.ZeroOrOne };
        var reference = new Option<string?>("--reference", "-r") { Description = "Reference data file (instead of the first argument)." };
        var current = new Option<string?>("--current", "-c") { Description = "Current data file (instead of the second argument)." };
        var columns = new Option<string?>("--columns") { Description = "Comma-separated columns to compare (default: all)." };
        var method = new Option<string?>("--method") { Description = "Drift method for every column: " + string.Join(", ", DriftMethods.Names) + "." };
        var numMethod = new Option<string?>("--num-method") { Description = "Drift method for numerical columns (default: auto, as Evidently)." };
        var catMethod = new Option<string?>("--cat-method") { Description = "Drift method for categorical columns (default: auto, as Evidently)." };
        var threshold = new Option<double?>("--threshold") { Description = "Decision threshold for every column (default: the method's: 0.05 for p-values, 0.1 for distances)." };
        var columnType = new Option<string[]>("--column-type") { Description = "Force a column's type: name=numerical|categorical (repeatable).", AllowMultipleArgumentsPerToken = false };
        var driftShare = new Option<double>("--drift-share") { Description = "Share of drifted columns at which the dataset counts as drifted.", DefaultValueFactory = _ => 0.5 };
        var correction = new Option<string>("--correction") { Description = "Correct p-values across columns: none, bonferroni or bh (Benjamini-Hochberg).", DefaultValueFactory = _ => "none" };
        correction.AcceptOnlyFromAmong("none", "bonferroni", "bh");
        var format = new Option<string>("--format", "-f") { Description = "Output format: table, json or html.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "html");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output." };
        var minEffect = new Option<double?>("--min-effect") { Description = "Tests flag drift only when the effect size (KS distance, or total variation distance for categories) also reaches this floor." };
        var failOnDrift = new Option<bool>("--fail-on-drift") { Description = "Exit with code 1 when the dataset drifted." };

        var command = new Command("drift", "Compare a current data set with a reference, column by column, and say whether it drifted.")
        {
            referenceArg, currentArg, reference, current, columns, method, numMethod, catMethod, threshold,
            columnType, driftShare, correction, minEffect, format, output, failOnDrift,
        };

        command.SetAction(parse =>
        {
            var referencePath = parse.GetValue(reference) ?? parse.GetValue(referenceArg);
            var currentPath = parse.GetValue(current) ?? (parse.GetValue(reference) is null ? parse.GetValue(currentArg) : parse.GetValue(referenceArg));
            if (referencePath is null || currentPath is null)
            {
                throw new UsageException("give the reference and current files: vigil drift REF CUR (or --reference REF --current CUR).");
            }

            var request = new DriftRequest(
                referencePath,
                currentPath,
                CommandOptions.ParseColumns(parse.GetValue(columns)),
                CommandOptions.ParseColumnTypes(parse.GetValue(columnType) ?? []),
                new DriftOptions
                {
                    Method = parse.GetValue(method),
                    NumericalMethod = parse.GetValue(numMethod),
                    CategoricalMethod = parse.GetValue(catMethod),
                    Threshold = parse.GetValue(threshold),
                    DriftShare = parse.GetValue(driftShare),
                    MinimumEffect = parse.GetValue(minEffect),
                    Correction = parse.GetValue(correction) switch
                    {
                        "bonferroni" => PValueCorrection.Bonferroni,
                        "bh" => PValueCorrection.BenjaminiHochberg,
                        _ => PValueCorrection.None,
                    },
                });
            try
            {
                request.Options.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message);
            }

            var outcome = DriftRunner.Run(request);
            ReportWriter.Write(parse.GetValue(output), parse.GetValue(format)!, outcome);
            return parse.GetValue(failOnDrift) && outcome.Report.DatasetDrift ? ExitCodes.CheckFailed : ExitCodes.Success;
        });
        return command;
    }
}
