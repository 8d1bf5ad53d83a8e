namespace Vigil.Cli;

/// <summary>Bad usage of a command (missing argument, bad option value): exit 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
