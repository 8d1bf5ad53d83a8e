using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Auth;
using Vigil.Server.Hosting;
using Vigil.Storage;

namespace Vigil.Cli.Demo;

/// <summary>
/// <c>vigil demo</c>: starts the server on the embedded store and feeds it two days of simulated history, then
/// live traffic: one feature drifts, latency rises on the canary, labels arrive hours late, a pipeline runs late,
/// some rows are malformed. Prints the URLs and an API key so every query answers with real data.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Where the server listens.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var data = new Option<string>("--data") { Description = "Data directory (default ./vigil-demo-data; it is reused, so ids stay unique).", DefaultValueFactory = _ => "vigil-demo-data" };
        var hours = new Option<int>("--history-hours") { Description = "Hours of simulated history to backfill.", DefaultValueFactory = _ => 48 };
        var rate = new Option<int>("--rate") { Description = "Simulated events per hour of history.", DefaultValueFactory = _ => 1500 };
        var duration = new Option<int?>("--duration") { Description = "Seconds of live traffic before stopping (default: until Ctrl+C)." };
        var command = new Command("demo", "Start the server with simulated traffic for one model with two versions, and print the URLs and an API key.")
        {
            urls, data, hours, rate, duration,
        };
        command.SetAction(async (parse, ct) =>
        {
            var url = parse.GetValue(urls)!.Split(';')[0].TrimEnd('/');
            var app = VigilServer.Build([], o =>
            {
                o.Urls = parse.GetValue(urls)!;
                o.DataDirectory = parse.GetValue(data)!;
            });
            await VigilServer.MigrateAsync(app, ct);
            await app.StartAsync(ct);
            try
            {
                var store = app.Services.GetRequiredService<IVigilStore>();
                var (key, record) = ApiKeys.Create("demo", ["admin"], DateTimeOffset.UtcNow);
                await store.InsertApiKeyAsync(record, ct);
                using var http = new HttpClient { BaseAddress = new Uri(url + "/"), Timeout = TimeSpan.FromMinutes(2) };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                var runner = new DemoRunner(http, new DemoTraffic(seed: 20261124), Console.Error);
                await runner.SetUpAsync(ct);
                await runner.BackfillAsync(parse.GetValue(hours), parse.GetValue(rate), ct);
                PrintGuide(url, key);
                var seconds = parse.GetValue(duration);
                using var stop = seconds is { } s ? new CancellationTokenSource(TimeSpan.FromSeconds(s)) : new CancellationTokenSource();
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, stop.Token);
                await runner.LiveAsync(parse.GetValue(rate), linked.Token);
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void PrintGuide(string url, string key)
    {
        var b = new StringBuilder();
        b.AppendLine();
        b.AppendLine($"Vigil demo server: {url}   (OpenAPI: {url}/openapi/v1.json, metrics: {url}/metrics, health: {url}/healthz)");
        b.AppendLine("Try (the key is an admin key of this demo's data directory):");
        b.AppendLine($"  export VIGIL_KEY={key}");
        foreach (var q in new[]
        {
            "models/loan-default",
            "models/loan-default/drift?version=v1&step=6h",
            "models/loan-default/drift?version=v1&segment=region:north&step=1d",
            "models/loan-default/performance?step=6h",
            "models/loan-default/latency?step=6h",
            "models/loan-default/traffic?step=6h",
            "pipelines/loan-features/health?tolerance=15m",
            "registry/models/loan-default",
            "models/loan-default/drift?version=v1&reference=baseline&step=1d",
            "registry/models/loan-default/history",
        })
        {
            b.AppendLine($"  curl -s -H \"Authorization: Bearer $VIGIL_KEY\" '{url}/api/v1/{q}'");
        }

        b.AppendLine("Live traffic is streaming; Ctrl+C stops the demo. The API key, alone on the next line:");
        Console.Error.Write(b.ToString());
        Console.Out.WriteLine(key);
    }
}
