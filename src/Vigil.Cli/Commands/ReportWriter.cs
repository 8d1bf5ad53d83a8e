using Spectre.Console;
using Vigil.Cli.Reports;

namespace Vigil.Cli.Commands;

/// <summary>Renders a drift outcome to standard output or, atomically, to a file.</summary>
internal static class ReportWriter
{
    public static void Write(string? path, string format, DriftOutcome outcome)
    {
        if (path is null)
        {
            switch (format)
            {
                case "json":
                    using (var buffer = new MemoryStream())
                    {
                        JsonDriftReport.Write(outcome, buffer);
                        Console.Out.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
                        Console.Out.Flush();
                    }

                    break;
                case "html":
                    HtmlDriftReport.Write(outcome, Console.Out);
                    break;
                default:
                    if (Console.IsOutputRedirected)
                    {
                        // Piped output has no terminal width; 80 columns would wrap every number.
                        AnsiConsole.Console.Profile.Width = 160;
                    }

                    TableDriftReport.Write(outcome, AnsiConsole.Console);
                    break;
            }

            return;
        }

        // Write next to the target and move into place: a reader never sees half a report.
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            throw new UsageException($"--output {path}: the directory {directory} does not exist.");
        }

        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                switch (format)
                {
                    case "json":
                        JsonDriftReport.Write(outcome, stream);
                        break;
                    case "html":
                        using (var writer = new StreamWriter(stream, leaveOpen: true))
                        {
                            HtmlDriftReport.Write(outcome, writer);
                        }

                        break;
                    default:
                        using (var writer = new StreamWriter(stream, leaveOpen: true))
                        {
                            var console = AnsiConsole.Create(new AnsiConsoleSettings
                            {
                                Ansi = AnsiSupport.No,
                                ColorSystem = ColorSystemSupport.NoColors,
                                Out = new AnsiConsoleOutput(writer),
                            });
                            console.Profile.Width = 160;
                            TableDriftReport.Write(outcome, console);
                        }

                        break;
                }
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        Console.Error.WriteLine($"wrote {format} report to {path}");
    }
}
