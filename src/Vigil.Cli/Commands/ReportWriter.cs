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

        AtomicFile.Write(path, stream =>
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
        });

        Console.Error.WriteLine($"wrote {format} report to {path}");
    }
}
