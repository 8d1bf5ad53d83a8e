using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Cli.Tests.Registry;

public sealed class RegistryCommandFailureTests : IDisposable
{
    private readonly CliRunner _files = new();

    [Fact]
    public async Task BadUsage_ExitsTwo_NamingTheOption()
    {
        await using var server = await RegistryCliServer.StartAsync();
        var noStage = server.Registry("registry", "promote", "churn", "v1");
        Assert.True(noStage.Exit == 2, noStage.ToString());
        Assert.Contains("--stage", noStage.Error);

        var badStage = server.Registry("registry", "promote", "churn", "v1", "--stage", "prod");
        Assert.Equal(2, badStage.Exit);
        Assert.Contains("prod", badStage.Error);

        var badTag = server.Registry("registry", "create", "churn", "v1", "--tag", "team");
        Assert.Equal(2, badTag.Exit);
        Assert.Contains("--tag 'team': expected key=value", badTag.Error);

        var missing = server.Registry("registry", "create", "churn", "v1", "--metadata", _files.PathOf("nope.json"));
        Assert.Equal(2, missing.Exit);
        Assert.Contains("--metadata", missing.Error);
        Assert.Contains("nope.json", missing.Error);

        var badJson = server.Registry("registry", "create", "churn", "v1", "--metadata-json", "{\"a\":");
        Assert.Equal(2, badJson.Exit);
        Assert.Contains("--metadata-json: not valid JSON", badJson.Error);

        var noFile = server.Registry("registry", "upload", "churn", "v1", _files.PathOf("missing.bin"));
        Assert.Equal(2, noFile.Exit);
        Assert.Contains("missing.bin", noFile.Error);

        var both = server.Registry("registry", "alias", "churn", "champion", "v1", "--delete");
        Assert.Equal(2, both.Exit);
        Assert.Contains("--delete", both.Error);

        // The server's 400 and 404 ProblemDetails: exit 2 with the detail.
        var badName = server.Registry("registry", "create", "churn", "production");
        Assert.True(badName.Exit == 2, badName.ToString());
        Assert.Contains("400", badName.Error);
        Assert.Contains("version: 'production' is not a valid version name", badName.Error);
        var unknown = server.Registry("read", "show", "fraud");
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("404", unknown.Error);
        Assert.Contains("model 'fraud' is not registered", unknown.Error);
        Assert.Empty(unknown.Out);
    }

    [Fact]
    public async Task WrongKey_ExitsTwoNaming401_AndAMissingScopeNames403()
    {
        await using var server = await RegistryCliServer.StartAsync();
        var wrong = RegistryCliServer.Run("list", "--server", server.Url, "--api-key", "vgl_000000000000_notthekey");
        Assert.True(wrong.Exit == 2, wrong.ToString());
        Assert.Contains("401", wrong.Error);
        Assert.Contains("VIGIL_API_KEY", wrong.Error);
        Assert.DoesNotContain("notthekey", wrong.Error + wrong.Out);

        var readOnly = server.Registry("read", "verify-audit");
        Assert.Equal(2, readOnly.Exit);
        Assert.Contains("403", readOnly.Error);
        Assert.Contains("'admin' scope", readOnly.Error);
    }

    [Fact]
    public void UnreachableServer_ExitsTwo_NamingTheUrl()
    {
        int port;
        using (var listener = new TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        var result = RegistryCliServer.Run("list", "--server", $"http://127.0.0.1:{port}", "--api-key", "vgl_x");
        Assert.True(result.Exit == 2, result.ToString());
        Assert.Contains($"http://127.0.0.1:{port}/", result.Error);
        Assert.Contains("cannot reach", result.Error);

        var bad = RegistryCliServer.Run("list", "--server", "localhost:5080");
        Assert.Equal(2, bad.Exit);
        Assert.Contains("--server 'localhost:5080'", bad.Error);
    }

    [Fact]
    public async Task Policy_SetApprovalRule_RefusesUntilAnAdminApproves_ThenDefaultRestores()
    {
        await using var server = await RegistryCliServer.StartAsync();
        Assert.Equal(0, server.Registry("registry", "create", "fraud", "v1").Exit);
        var policy = _files.Write("policy.json", """
            {"max_production_versions": 1, "rules": [
              {"kind": "from_stage", "to": "production", "stages": ["staging"]},
              {"kind": "approval", "to": "production", "count": 1}]}
            """);
        var denied = server.Registry("registry", "policy", "fraud", "--set", policy);
        Assert.Equal(2, denied.Exit);
        Assert.Contains("403", denied.Error);
        var set = server.Registry("admin", "policy", "fraud", "--set", policy, "--reason", "four eyes");
        Assert.True(set.Exit == 0, set.ToString());
        Assert.Matches(@"production\s*│\s*approval\s*│\s*count=1", set.Out);

        Assert.Equal(0, server.Registry("registry", "promote", "fraud", "v1", "--stage", "staging").Exit);
        var refused = server.Registry("registry", "promote", "fraud", "v1", "--stage", "production");
        Assert.True(refused.Exit == 1, refused.ToString());
        Assert.Matches(@"from_stage\s*│\s*passed", refused.Out);
        Assert.Matches(@"approval\s*│\s*FAILED", refused.Out);
        Assert.Contains("required=1 actual=0", refused.Out);

        var approved = server.Registry("admin", "approve", "fraud", "v1", "--comment", "looks good");
        Assert.True(approved.Exit == 0, approved.ToString());
        Assert.Contains("approved fraud v1 for production by cli-admin", approved.Out);
        var promoted = server.Registry("registry", "promote", "fraud", "v1", "--stage", "production");
        Assert.True(promoted.Exit == 0, promoted.ToString());
        Assert.Matches(@"approval\s*│\s*passed", promoted.Out);

        Assert.Equal(0, server.Registry("admin", "policy", "fraud", "--default").Exit);
        var shown = server.Registry("read", "policy", "fraud", "--format", "json");
        Assert.Equal("""{"max_production_versions":1,"rules":[{"kind":"from_stage","to":"production","stages":["staging"]}]}""", shown.Out.Trim());

        var archived = server.Registry("registry", "archive", "fraud", "v1", "--reason", "retired");
        Assert.True(archived.Exit == 0, archived.ToString());
        Assert.Contains("fraud v1: production -> archived", archived.Out);
        var noPrevious = server.Registry("registry", "rollback", "fraud");
        Assert.Equal(1, noPrevious.Exit);
        Assert.Contains("409", noPrevious.Error);
    }

    [Fact]
    public async Task Download_WhenTheBytesDoNotMatchTheHeader_ExitsOne_AndWritesNothing()
    {
        // A stand-in server whose X-Vigil-Sha256 does not match the bytes it sends.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGet("/api/v1/registry/models/{model}/versions/{reference}/artifacts/{name}", (HttpContext http) =>
        {
            http.Response.Headers["X-Vigil-Sha256"] = new string('0', 64);
            return Results.Bytes(new byte[] { 1, 2, 3 }, "application/octet-stream");
        });
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var target = _files.PathOf("model.bin");
        var result = RegistryCliServer.Run("download", "churn", "v1", "model.bin", "--output", target, "--server", url, "--api-key", "vgl_x");
        Assert.True(result.Exit == 1, result.ToString());
        Assert.Contains("checksum mismatch", result.Error);
        Assert.Contains("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", result.Error);
        Assert.False(File.Exists(target));
        Assert.Empty(System.IO.Directory.GetFiles(_files.Directory, "*.tmp"));
        await app.StopAsync();
    }

    public void Dispose() => _files.Dispose();
}
