namespace Vigil.Cli.Tests.Registry;

/// <summary>A CLI run's exit code and output.</summary>
internal sealed record CliResult(int Exit, string Out, string Error)
{
    public override string ToString() => $"exit {Exit}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
