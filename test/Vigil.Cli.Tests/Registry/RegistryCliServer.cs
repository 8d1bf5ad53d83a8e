using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Cli.Registry;
using Vigil.Server.Auth;
using Vigil.Server.Hosting;
using Vigil.Storage;

namespace Vigil.Cli.Tests.Registry;

/// <summary>A real Vigil server on a free loopback port over a fresh SQLite directory, and a runner of <c>vigil registry</c> against it.</summary>
internal sealed class RegistryCliServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RegistryCliServer(WebApplication app, string directory, string url)
    {
        _app = app;
        Directory = directory;
        Url = url;
    }

    public string Directory { get; }

    public string Url { get; }

    /// <summary>Keys by scope: read, registry, admin.</summary>
    public Dictionary<string, string> Keys { get; } = [];

    public static async Task<RegistryCliServer> StartAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "vigil-cli-registry-tests", Guid.NewGuid().ToString("N"));
        var app = VigilServer.Build([], o =>
        {
            o.Urls = "http://127.0.0.1:0";
            o.DataDirectory = dir;
        });
        await VigilServer.MigrateAsync(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var server = new RegistryCliServer(app, dir, address);
        var store = app.Services.GetRequiredService<IVigilStore>();
        foreach (var scope in new[] { "read", "registry", "admin" })
        {
            var (key, record) = ApiKeys.Create($"cli-{scope}", [scope], DateTimeOffset.UtcNow);
            await store.InsertApiKeyAsync(record, default);
            server.Keys[scope] = key;
        }

        return server;
    }

    /// <summary>Runs <c>vigil registry ARGS --server URL --api-key KEY</c> in-process with the key of <paramref name="scope"/>.</summary>
    public CliResult Registry(string scope, params string[] args) => Run([.. args, "--server", Url, "--api-key", Keys[scope]]);

    /// <summary>Runs <c>vigil registry ARGS</c> as given, capturing this flow's standard output and error.</summary>
    public static CliResult Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit;
        using (RegistryConsole.Redirect(output, error))
        {
            exit = VigilApp.Run(["registry", .. args], error);
        }

        return new CliResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs SQL on the server's SQLite database behind its back.</summary>
    public async Task<int> ExecuteSqlAsync(string sql)
    {
        await using var c = new SqliteConnection($"Data Source={Path.Combine(Directory, "vigil.db")};Pooling=False");
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
