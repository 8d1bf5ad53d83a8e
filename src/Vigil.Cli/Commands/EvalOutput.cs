using System.Text;
using Spectre.Console;
using Vigil.Cli.Evaluation.Reports;

namespace Vigil.Cli.Commands;

/// <summary>Writes an evaluation to standard output or, atomically, to <c>--output</c>, plus the <c>--junit</c> and <c>--markdown</c> files.</summary>
internal static class EvalOutput
{
    public static void Write(EvalReport report, string format, string? output, string? junit, string? markdown, TextWriter log)
    {
        if (output is null)
        {
            if (format == "json")
            {
                using var buffer = new MemoryStream();
                JsonEvalReport.Write(report, buffer);
                Console.Out.Write(Encoding.UTF8.GetString(buffer.ToArray()));
                Console.Out.Flush();
            }
            else
            {
                if (Console.IsOutputRedirected)
                {
                    AnsiConsole.Console.Profile.Width = 160;
                }

                TableEvalReport.Write(report, AnsiConsole.Console);
            }
        }
        else
        {
            AtomicFile.Write(output, stream =>
            {
                if (format == "json")
                {
                    JsonEvalReport.Write(report, stream);
                    return;
                }

                using var writer = new StreamWriter(stream, leaveOpen: true);
                var console = AnsiConsole.Create(new AnsiConsoleSettings
                {
                    Ansi = AnsiSupport.No,
                    ColorSystem = ColorSystemSupport.NoColors,
                    Out = new AnsiConsoleOutput(writer),
                });
                console.Profile.Width = 160;
                TableEvalReport.Write(report, console);
            });
            log.WriteLine($"wrote {format} report to {output}");
        }

        if (junit is not null)
        {
            AtomicFile.Write(junit, stream => JunitEvalReport.Write(report, stream), "--junit");
            log.WriteLine($"wrote JUnit XML to {junit}");
        }

        if (markdown is not null)
        {
            AtomicFile.Write(markdown, stream =>
            {
                using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
                MarkdownEvalReport.Write(report, writer);
            }, "--markdown");
            log.WriteLine($"wrote Markdown summary to {markdown}");
        }
    }
}
