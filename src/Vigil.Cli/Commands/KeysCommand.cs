using System.CommandLine;
using Spectre.Console;
using Vigil.Server.Auth;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil keys create|list|revoke</c>: API keys, stored hashed in the server's store.</summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "Create, list and revoke API keys.");
        command.Subcommands.Add(CreateCreate());
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateRevoke());
        return command;
    }

    private static Command CreateCreate()
    {
        var store = new ServerCommandOptions();
        var name = new Option<string>("--name") { Description = "Who holds the key (shown in audit entries).", Required = true };
        var scopes = new Option<string>("--scopes") { Description = "Comma-separated scopes: ingest, read, registry, admin (admin holds them all).", Required = true };
        var command = new Command("create", "Create an API key; the key is printed once, alone on the last line.") { name, scopes };
        store.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var list = parse.GetValue(scopes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            (string Key, Storage.ApiKeyRecord Record) created;
            try
            {
                created = ApiKeys.Create(parse.GetValue(name)!, list, DateTimeOffset.UtcNow);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException($"--{(ex.ParamName == "scopes" ? "scopes" : "name")}: {ex.Message.Split(" (Parameter")[0]}");
            }

            await using var s = store.Open(parse);
            await s.MigrateAsync(ct);
            await s.InsertApiKeyAsync(created.Record, ct);
            Console.Error.WriteLine($"created key {created.Record.Id} for '{created.Record.Name}' with scopes {string.Join(",", created.Record.Scopes)}; it is shown once:");
            Console.Out.WriteLine(created.Key);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateList()
    {
        var store = new ServerCommandOptions();
        var command = new Command("list", "List API keys (ids, names, scopes; never secrets).");
        store.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using var s = store.Open(parse);
            await s.MigrateAsync(ct);
            var table = new Table().AddColumns("id", "name", "scopes", "created", "revoked");
            foreach (var k in await s.ListApiKeysAsync(ct))
            {
                table.AddRow(k.Id, Markup.Escape(k.Name), string.Join(",", k.Scopes), k.CreatedAt.ToString("u"), k.RevokedAt?.ToString("u") ?? "");
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateRevoke()
    {
        var store = new ServerCommandOptions();
        var id = new Argument<string>("id") { Description = "The key id (the 12 hex digits after vgl_)." };
        var command = new Command("revoke", "Revoke an API key (servers stop accepting it within 30 seconds).") { id };
        store.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using var s = store.Open(parse);
            await s.MigrateAsync(ct);
            if (!await s.RevokeApiKeyAsync(parse.GetValue(id)!, DateTimeOffset.UtcNow, ct))
            {
                throw new UsageException($"no active key with id '{parse.GetValue(id)}'.");
            }

            Console.Error.WriteLine($"revoked {parse.GetValue(id)}");
            return ExitCodes.Success;
        });
        return command;
    }
}
