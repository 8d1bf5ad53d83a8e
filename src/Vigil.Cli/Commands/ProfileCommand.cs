using System.CommandLine;
using Spectre.Console;
using Vigil.Cli.Data;
using Vigil.Cli.Profiles;
using Vigil.Statistics.Profiles;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil profile</c>: build, merge and show mergeable dataset profiles (<c>.vprof</c>).</summary>
internal static class ProfileCommand
{
    public static Command Create()
    {
        var data = new Argument<string>("data") { Description = "Data file to profile (.csv, .jsonl, .parquet)." };
        var output = new Option<string>("--output", "-o") { Description = "Profile file to write (.vprof).", Required = true };
        var columns = new Option<string?>("--columns") { Description = "Comma-separated columns to profile (default: all)." };
        var columnType = new Option<string[]>("--column-type") { Description = "Force a column's type: name=numerical|categorical (repeatable)." };
        var exactLimit = new Option<int>("--exact-limit") { Description = "Keep a numerical column's values exactly while it has at most this many.", DefaultValueFactory = _ => ProfileOptions.Default.ExactLimit };
        var kllK = new Option<int>("--kll-k") { Description = "KLL quantile sketch size k.", DefaultValueFactory = _ => ProfileOptions.Default.KllK };
        var upload = new Option<string?>("--reference") { Description = "Also register the profile in a Vigil server as the reference of MODEL:VERSION (admin key; raw rows never leave this machine)." };
        var server = new Option<string?>("--server") { Description = "Vigil server for --reference (default $VIGIL_URL, else http://127.0.0.1:5080)." };
        var apiKey = new Option<string?>("--api-key") { Description = "API key for --reference (admin scope); default $VIGIL_API_KEY. Never printed." };
        var command = new Command("profile", "Profile a data file into a small, mergeable .vprof file; merge or show profiles.")
        {
            data, output, columns, columnType, exactLimit, kllK, upload, server, apiKey,
        };
        command.Subcommands.Add(CreateMerge());
        command.Subcommands.Add(CreateShow());
        command.SetAction(parse =>
        {
            var options = new ProfileOptions { ExactLimit = parse.GetValue(exactLimit), KllK = parse.GetValue(kllK) };
            try
            {
                options.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message);
            }

            var path = parse.GetValue(data)!;
            var target = parse.GetValue(output)!;
            ReferenceTarget? reference = null;
            if (parse.GetValue(upload) is { } spec)
            {
                reference = ReferenceTarget.Parse(spec, parse.GetValue(server), parse.GetValue(apiKey));
            }

            var read = new ReadOptions
            {
                Columns = CommandOptions.ParseColumns(parse.GetValue(columns)) is { } list ? new HashSet<string>(list, StringComparer.Ordinal) : null,
                Types = CommandOptions.ParseColumnTypes(parse.GetValue(columnType) ?? []),
            };
            var profile = WithProgress(path, read, options);
            DataProfiler.Save(profile, target);
            Console.Error.WriteLine($"profiled {profile.RowCount:N0} rows, {profile.Columns.Count} columns of {path} into {target} ({new FileInfo(target).Length:N0} bytes)");
            if (reference is not null)
            {
                var info = reference.UploadAsync(target, CancellationToken.None).GetAwaiter().GetResult();
                Console.Error.WriteLine(info);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateMerge()
    {
        var inputs = new Argument<string[]>("profiles") { Description = "Profiles to merge (.vprof).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "Merged profile to write.", Required = true };
        var command = new Command("merge", "Merge profiles of time windows or machines into one.") { inputs, output };
        command.SetAction(parse =>
        {
            var profiles = parse.GetValue(inputs)!.Select(DataProfiler.Load).ToList();
            DatasetProfile merged;
            try
            {
                merged = DatasetProfile.Merge(profiles);
            }
            catch (ArgumentException ex)
            {
                throw new InputException($"cannot merge: {ex.Message}", ex);
            }

            DataProfiler.Save(merged, parse.GetValue(output)!);
            Console.Error.WriteLine($"merged {profiles.Count} profiles ({merged.RowCount:N0} rows) into {parse.GetValue(output)}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateShow()
    {
        var input = new Argument<string>("profile") { Description = "Profile to show (.vprof)." };
        var format = new Option<string>("--format", "-f") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("show", "Show a profile's columns: counts, missing, distinct, moments, quantiles, top categories, size.") { input, format };
        command.SetAction(parse =>
        {
            var profile = DataProfiler.Load(parse.GetValue(input)!);
            if (parse.GetValue(format) == "json")
            {
                using var buffer = new MemoryStream();
                ProfileView.WriteJson(profile, buffer);
                Console.Out.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
                Console.Out.Flush();
            }
            else
            {
                if (Console.IsOutputRedirected)
                {
                    AnsiConsole.Console.Profile.Width = 180;
                }

                ProfileView.WriteTable(profile, AnsiConsole.Console);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static DatasetProfile WithProgress(string path, ReadOptions read, ProfileOptions options)
    {
        var length = File.Exists(path) ? new FileInfo(path).Length : 0;
        if (Console.IsErrorRedirected || length < (64 << 20))
        {
            return DataProfiler.Profile(path, read, options, TimeProvider.System);
        }

        DatasetProfile? result = null;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask($"profiling {Path.GetFileName(path)}", maxValue: length);
                var withProgress = new ReadOptions { Columns = read.Columns, Types = read.Types, OnProgress = bytes => task.Value = bytes };
                result = DataProfiler.Profile(path, withProgress, options, TimeProvider.System);
                task.Value = length;
            });
        return result!;
    }
}
