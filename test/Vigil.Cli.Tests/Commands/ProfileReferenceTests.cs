namespace Vigil.Cli.Tests.Commands;

/// <summary><c>vigil profile --reference MODEL:VERSION</c>: a CSV profiled locally and registered as a version's reference.</summary>
public sealed class ProfileReferenceTests : IAsyncLifetime, IDisposable
{
    private readonly CliRunner _cli = new();
    private InProcessServer? _server;

    public async Task InitializeAsync() => _server = await InProcessServer.StartAsync(_cli.PathOf("server"));

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Profile_WithReference_RegistersTheCsvAsTheVersionsBaseline()
    {
        var server = _server!;
        using (var admin = server.Client("admin"))
        {
            var put = await admin.PutAsync("api/v1/models/loans", new StringContent("""{"prediction_type": "binary", "classes": ["no", "yes"], "features": [{"name": "income", "type": "numerical"}, {"name": "region", "type": "categorical"}]}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        var csv = _cli.Write("train.csv", "income,region\n" + string.Join('\n', Enumerable.Range(0, 200).Select(i => $"{30000 + (i * 150)},{(i % 3 == 0 ? "north" : "south")}")) + "\n");
        var (exit, error) = _cli.Run("profile", csv, "-o", _cli.PathOf("train.vprof"), "--reference", "loans:v1", "--server", server.Url, "--api-key", server.Keys["admin"]);
        Assert.True(exit == 0, error);
        var stored = await File.ReadAllBytesAsync(_cli.PathOf("train.vprof"));

        // The server holds exactly the bytes written locally.
        var store = (Vigil.Storage.IVigilStore)new Vigil.Storage.Sqlite.SqliteStore(server.Directory);
        await using (store)
        {
            Assert.Equal(stored, await store.GetReferenceAsync("loans", "v1", default));
        }

        (exit, error) = _cli.Run("profile", csv, "-o", _cli.PathOf("x.vprof"), "--reference", "loans", "--server", server.Url, "--api-key", server.Keys["admin"]);
        Assert.Equal(2, exit);
        Assert.Contains("expected MODEL:VERSION", error);
        (exit, error) = _cli.Run("profile", csv, "-o", _cli.PathOf("y.vprof"), "--reference", "loans:v1", "--server", server.Url, "--api-key", server.Keys["read"]);
        Assert.Equal(2, exit);
        Assert.Contains("403", error);
    }
}
