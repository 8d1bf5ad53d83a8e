using System.CommandLine;
using Vigil.Cli.Commands;
using Vigil.Cli.Data;

namespace Vigil.Cli;

/// <summary>The <c>vigil</c> command line: parses, runs, and maps failures to exit codes.</summary>
internal static class VigilApp
{
    public static RootCommand CreateRoot() => new("Vigil: model monitoring. Drift reports, profiles, evaluation and more.")
    {
        DriftCommand.Create(),
        ProfileCommand.Create(),
        EvalCommand.Create(),
        ServeCommand.Create(),
        KeysCommand.Create(),
        Registry.RegistryCommand.Create(),
        Demo.DemoCommand.Create(),
    };

    public static int Run(string[] args, TextWriter? error = null)
    {
        error ??= Console.Error;
        var parse = CreateRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                error.WriteLine($"vigil: {e.Message}");
            }

            error.WriteLine("Run 'vigil --help' for usage.");
            return ExitCodes.BadInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Registry.RegistryFailure ex)
        {
            error.WriteLine($"vigil: {ex.Message}");
            return ex.ExitCode;
        }
        catch (Exception ex) when (ex is InputException or UsageException)
        {
            error.WriteLine($"vigil: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (IOException ex)
        {
            error.WriteLine($"vigil: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (UnauthorizedAccessException ex)
        {
            error.WriteLine($"vigil: {ex.Message}");
            return ExitCodes.BadInput;
        }
    }
}
