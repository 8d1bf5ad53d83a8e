using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Auth;
using Vigil.Server.Hosting;
using Vigil.Storage;

namespace Vigil.Cli.Tests;

/// <summary>A real <c>vigil serve</c> application on a free loopback port with a temporary SQLite directory and one key per scope.</summary>
internal sealed class InProcessServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessServer(WebApplication app, string directory, string url)
    {
        _app = app;
        Directory = directory;
        Url = url;
    }

    public string Directory { get; }

    public string Url { get; }

    public Dictionary<string, string> Keys { get; } = [];

    public static async Task<InProcessServer> StartAsync(string directory)
    {
        var app = VigilServer.Build([], o =>
        {
            o.Urls = "http://127.0.0.1:0";
            o.DataDirectory = directory;
        });
        await VigilServer.MigrateAsync(app);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var server = new InProcessServer(app, directory, url);
        foreach (var scope in ApiKeys.AllScopes)
        {
            var (key, record) = ApiKeys.Create($"cli-{scope}", [scope], DateTimeOffset.UtcNow);
            await app.Services.GetRequiredService<IVigilStore>().InsertApiKeyAsync(record, default);
            server.Keys[scope] = key;
        }

        return server;
    }

    public async Task<JsonElement> GetAsync(string path, string scope = "read")
    {
        using var http = Client(scope);
        return JsonDocument.Parse(await http.GetStringAsync(path)).RootElement.Clone();
    }

    public HttpClient Client(string scope)
    {
        var http = new HttpClient { BaseAddress = new Uri(Url + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Keys[scope]);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
