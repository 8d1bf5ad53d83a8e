using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Hosting;

namespace Vigil.Server.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task Build_DoesNotWatchConfigurationFiles()
    {
        // A watcher on the content root would wake on every write to ./vigil-data (the default data directory).
        await using var app = VigilServer.Build([], o => o.DataDirectory = Path.Combine(Path.GetTempPath(), "vigil-hosting-" + Guid.NewGuid().ToString("N")));
        var root = (IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>();
        var json = root.Providers.OfType<JsonConfigurationProvider>().ToList();
        Assert.NotEmpty(json);
        Assert.All(json, p => Assert.False(p.Source.ReloadOnChange, p.Source.Path));
    }
}
