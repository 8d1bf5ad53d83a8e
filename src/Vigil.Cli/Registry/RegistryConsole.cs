using Spectre.Console;

namespace Vigil.Cli.Registry;

/// <summary>
/// Where the registry commands write. Standard output and error by default; tests redirect them for their own
/// asynchronous flow only (an <see cref="AsyncLocal{T}"/>), so tests running in parallel never share a writer.
/// </summary>
internal static class RegistryConsole
{
    private static readonly AsyncLocal<Writers?> Override = new();

    /// <summary>Results: tables, JSON.</summary>
    public static TextWriter Out => Override.Value?.Out ?? Console.Out;

    /// <summary>Progress and failure messages.</summary>
    public static TextWriter Error => Override.Value?.Error ?? Console.Error;

    /// <summary>Sends this flow's output to <paramref name="output"/> and <paramref name="error"/> until disposed.</summary>
    public static IDisposable Redirect(TextWriter output, TextWriter error)
    {
        var previous = Override.Value;
        Override.Value = new Writers(output, error);
        return new Restore(previous);
    }

    /// <summary>A console for tables over <see cref="Out"/> (plain text, 160 columns, when not a terminal).</summary>
    public static IAnsiConsole Tables()
    {
        if (Override.Value is { } writers)
        {
            return Plain(writers.Out);
        }

        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Console.Profile.Width = 160;
        }

        return AnsiConsole.Console;
    }

    private static IAnsiConsole Plain(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;
        return console;
    }

    private sealed record Writers(TextWriter Out, TextWriter Error);

    private sealed class Restore(Writers? previous) : IDisposable
    {
        public void Dispose() => Override.Value = previous;
    }
}
