using System.Net;
using System.Net.Sockets;
using Vigil.Storage.Registry;
using Vigil.Storage.Sqlite;

namespace Vigil.Cli.Tests.Commands;

/// <summary><c>vigil demo</c> (the README's run command) on a free port for a few seconds.</summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Demo_BackfillsHistory_RegistersTheModel_AndStreams_ThenStops()
    {
        var data = _cli.PathOf("demo-data");
        string[] Args() => ["demo", "--urls", $"http://127.0.0.1:{FreePort()}", "--data", data, "--history-hours", "8", "--rate", "150", "--duration", "2"];
        var (exit, error) = _cli.Run(Args());
        Assert.True(exit == 0, error);

        await using (var store = new SqliteStore(data))
        {
            var (predictions, labels, _) = await store.CountRawAsync("loan-default", default);
            Assert.True(predictions >= 8 * 150 / 2, $"{predictions} predictions stored");
            Assert.True(labels > 0, "no labels (they arrive 6 h late: the first two hours of history have theirs)");
            Assert.NotNull(await store.GetReferenceAsync("loan-default", "v2", default));
            Assert.NotEmpty(await store.GetPipelineRunsAsync("loan-features", DateTimeOffset.UtcNow.AddDays(-3), DateTimeOffset.UtcNow.AddHours(1), default));
        }

        await using (var registry = new SqliteRegistryStore(data))
        {
            var state = await registry.GetStateAsync("loan-default", default);
            Assert.Equal(Stage.Production, state.Versions.Single(v => v.Version == "v1").Stage);
            Assert.Equal(Stage.Staging, state.Versions.Single(v => v.Version == "v2").Stage);
            Assert.NotNull((await registry.GetBaselineAsync("loan-default", default))?.ReferenceProfile);
        }

        // The data directory is reused: a second run adds traffic and keeps the registry as it is.
        (exit, error) = _cli.Run(Args());
        Assert.True(exit == 0, error);
        await using var reused = new SqliteRegistryStore(data);
        Assert.Equal(2, (await reused.GetStateAsync("loan-default", default)).Versions.Count);
    }
}
