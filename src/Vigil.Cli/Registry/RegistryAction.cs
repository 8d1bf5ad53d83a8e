using System.CommandLine;
using Vigil.Cli.Data;

namespace Vigil.Cli.Registry;

/// <summary>Runs a registry command's action and turns its failures into a message and an exit code.</summary>
internal static class RegistryAction
{
    public static void Set(Command command, RegistryOptions options, Func<RegistryContext, CancellationToken, Task<int>> action)
    {
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                using var http = options.Connect(parse);
                return await action(new RegistryContext(parse, http, options.Json(parse)), ct).ConfigureAwait(false);
            }
            catch (RegistryFailure ex)
            {
                RegistryConsole.Error.WriteLine($"vigil: {ex.Message}");
                return ex.ExitCode;
            }
            catch (Exception ex) when (ex is UsageException or InputException or IOException or UnauthorizedAccessException)
            {
                RegistryConsole.Error.WriteLine($"vigil: {ex.Message}");
                return ExitCodes.BadInput;
            }
        });
    }
}
