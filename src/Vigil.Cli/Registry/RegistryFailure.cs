namespace Vigil.Cli.Registry;

/// <summary>
/// A registry command that cannot succeed: the server refused or failed (exit 1), or the request was bad, unauthorized
/// or could not reach the server (exit 2). The message is printed as <c>vigil: MESSAGE</c>.
/// </summary>
internal sealed class RegistryFailure(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The exit code (<see cref="ExitCodes"/>).</summary>
    public int ExitCode { get; } = exitCode;
}
