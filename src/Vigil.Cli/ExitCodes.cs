namespace Vigil.Cli;

/// <summary>The CLI's exit codes (docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>A gate or check failed, when asked with a flag such as --fail-on-drift.</summary>
    public const int CheckFailed = 1;

    /// <summary>Bad usage or bad input.</summary>
    public const int BadInput = 2;
}
