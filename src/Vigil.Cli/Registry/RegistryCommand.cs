using System.CommandLine;

namespace Vigil.Cli.Registry;

/// <summary><c>vigil registry ...</c>: the model registry of a running server, over its HTTP API (docs/registry.md).</summary>
internal static class RegistryCommand
{
    public static Command Create()
    {
        var options = new RegistryOptions();
        var command = new Command("registry", "Model registry on a Vigil server: versions, artifacts, stages, aliases, rollback, audit.");
        options.AddTo(command);
        command.Subcommands.Add(VersionCommands.Create(options));
        command.Subcommands.Add(VersionCommands.Upload(options));
        command.Subcommands.Add(VersionCommands.Download(options));
        command.Subcommands.Add(ViewCommands.List(options));
        command.Subcommands.Add(ViewCommands.Show(options));
        command.Subcommands.Add(StageCommands.Promote(options));
        command.Subcommands.Add(StageCommands.Archive(options));
        command.Subcommands.Add(StageCommands.Alias(options));
        command.Subcommands.Add(StageCommands.Approve(options));
        command.Subcommands.Add(StageCommands.Rollback(options));
        command.Subcommands.Add(ViewCommands.History(options));
        command.Subcommands.Add(AuditCommands.VerifyAudit(options));
        command.Subcommands.Add(AuditCommands.Policy(options));
        return command;
    }
}
