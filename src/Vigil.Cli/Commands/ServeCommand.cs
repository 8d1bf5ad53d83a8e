using System.CommandLine;
using Vigil.Server.Hosting;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil serve</c>: the monitoring server.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var store = new ServerCommandOptions();
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, separated by ';' (default http://127.0.0.1:5080)." };
        var command = new Command("serve", "Run the monitoring server: ingest predictions, labels and pipeline runs; answer drift, performance, latency and health queries.") { urls };
        store.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var app = VigilServer.Build([], o =>
            {
                store.Apply(parse, o);
                if (parse.GetValue(urls) is { } u)
                {
                    o.Urls = u;
                }
            });
            await VigilServer.MigrateAsync(app, ct);
            await app.RunAsync();
            return ExitCodes.Success;
        });
        return command;
    }
}
