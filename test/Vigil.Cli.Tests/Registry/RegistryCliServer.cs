using Microsoft.Data.Sqlite;
using Vigil.Cli.Registry;

namespace Vigil.Cli.Tests.Registry;

/// <summary>A real Vigil server (<see cref="InProcessServer"/>) over a fresh SQLite directory, and a runner of <c>vigil registry</c> against it.</summary>
internal sealed class RegistryCliServer : IAsyncDisposable
{
    private readonly InProcessServer _server;

    private RegistryCliServer(InProcessServer server) => _server = server;

    public string Directory => _server.Directory;

    public string Url => _server.Url;

    /// <summary>Keys by scope: ingest, read, registry, admin.</summary>
    public Dictionary<string, string> Keys => _server.Keys;

    public static async Task<RegistryCliServer> StartAsync() =>
        new(await InProcessServer.StartAsync(Path.Combine(Path.GetTempPath(), "vigil-cli-registry-tests", Guid.NewGuid().ToString("N"))));

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
        await _server.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
