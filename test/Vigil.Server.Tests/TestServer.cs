using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Auth;
using Vigil.Server.Hosting;
using Vigil.Server.Ingest;
using Vigil.Storage;

namespace Vigil.Server.Tests;

/// <summary>A real server on a free loopback port over a fresh SQLite directory, with keys of each scope.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestServer(WebApplication app, string directory, Uri address)
    {
        _app = app;
        Directory = directory;
        Address = address;
    }

    public string Directory { get; }

    public Uri Address { get; }

    public Dictionary<string, string> Keys { get; } = [];

    public IServiceProvider Services => _app.Services;

    public static async Task<TestServer> StartAsync(Action<ServerOptions>? configure = null, TimeProvider? time = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "vigil-server-tests", Guid.NewGuid().ToString("N"));
        var app = VigilServer.Build([], o =>
        {
            o.Urls = "http://127.0.0.1:0";
            o.DataDirectory = dir;
            o.JoinSweepInterval = TimeSpan.FromMilliseconds(200);
            configure?.Invoke(o);
        }, time);
        await VigilServer.MigrateAsync(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var server = new TestServer(app, dir, new Uri(address + "/"));
        var store = app.Services.GetRequiredService<IVigilStore>();
        foreach (var scope in new[] { "ingest", "read", "registry", "admin", "admin2" })
        {
            var (key, record) = ApiKeys.Create($"test-{scope}", [scope == "admin2" ? "admin" : scope], DateTimeOffset.UtcNow);
            await store.InsertApiKeyAsync(record, default);
            server.Keys[scope] = key;
        }

        return server;
    }

    public HttpClient Client(string? scope)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (scope is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Keys[scope]);
        }

        return client;
    }

    public Task RunMaintenanceAsync() => Services.GetRequiredService<MaintenanceService>().RunOnceAsync(default, force: true);

    public static StringContent Json(string json, string type = "application/json") => new(json, Encoding.UTF8, type);

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
