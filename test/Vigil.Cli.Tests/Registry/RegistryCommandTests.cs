using System.Security.Cryptography;
using System.Text.Json;

namespace Vigil.Cli.Tests.Registry;

public sealed class RegistryCommandTests : IDisposable
{
    private readonly CliRunner _files = new();

    [Fact]
    public async Task Registry_FullLifecycle_EndToEndAgainstARealServer()
    {
        await using var server = await RegistryCliServer.StartAsync();
        var meta = _files.Write("meta.json", """{"framework": "onnx", "auc": 0.91}""");
        var created = server.Registry("registry", "create", "churn", "v1", "--description", "first cut", "--tag", "team=growth", "--metadata", meta, "--training-data", "sha256:aa");
        Assert.True(created.Exit == 0, created.ToString());
        Assert.Contains("created churn v1", created.Out);

        // Upload streams the file and checks the server's SHA-256 against the bytes sent; download checks it again.
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var model = _files.PathOf("model.onnx");
        await File.WriteAllBytesAsync(model, bytes);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var uploaded = server.Registry("registry", "upload", "churn", "v1", model);
        Assert.True(uploaded.Exit == 0, uploaded.ToString());
        Assert.Contains(sha, uploaded.Out);
        Assert.Contains("300000 bytes", uploaded.Out);
        var target = _files.PathOf("downloaded.onnx");
        var downloaded = server.Registry("read", "download", "churn", "latest", "model.onnx", "--output", target);
        Assert.True(downloaded.Exit == 0, downloaded.ToString());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(target));
        Assert.Empty(System.IO.Directory.GetFiles(_files.Directory, "*.tmp"));

        // The default policy enters Production from Staging only: refused, exit 1, every rule printed with its values.
        var refused = server.Registry("registry", "promote", "churn", "v1", "--stage", "production", "--reason", "skip staging");
        Assert.True(refused.Exit == 1, refused.ToString());
        Assert.Contains("from_stage", refused.Out);
        Assert.Contains("FAILED", refused.Out);
        Assert.Contains("required=[staging] actual=none", refused.Out);
        Assert.Contains("Promotion refused", refused.Error);

        Assert.Equal(0, server.Registry("registry", "promote", "churn", "v1", "--stage", "staging").Exit);
        var promoted = server.Registry("registry", "promote", "churn", "v1", "--stage", "production", "--expect-production", "none");
        Assert.True(promoted.Exit == 0, promoted.ToString());
        Assert.Contains("churn v1: staging -> production", promoted.Out);
        Assert.Contains("passed", promoted.Out);

        Assert.Equal(0, server.Registry("registry", "create", "churn", "v2", "--parent", "v1").Exit);
        Assert.Equal(0, server.Registry("registry", "promote", "churn", "v2", "--stage", "staging").Exit);
        var stale = server.Registry("registry", "promote", "churn", "v2", "--stage", "production", "--expect-production", "v0");
        Assert.True(stale.Exit == 1, stale.ToString());
        Assert.Contains("409", stale.Error);
        var second = server.Registry("registry", "promote", "churn", "v2", "--stage", "production", "--expect-production", "v1");
        Assert.True(second.Exit == 0, second.ToString());
        Assert.Contains("archived v1", second.Out);

        var rollback = server.Registry("registry", "rollback", "churn", "--reason", "latency regression");
        Assert.True(rollback.Exit == 0, rollback.ToString());
        Assert.Contains("rolled back churn: v2 -> v1", rollback.Out);
        Assert.Matches(@"server \d+\.\d ms, round trip \d+\.\d ms", rollback.Out);

        var alias = server.Registry("registry", "alias", "churn", "champion", "v2", "--reason", "trial");
        Assert.True(alias.Exit == 0, alias.ToString());
        Assert.Contains("champion -> v2", alias.Out);
        Assert.Equal(0, server.Registry("registry", "alias", "churn", "challenger", "production").Exit);
        Assert.Equal(0, server.Registry("registry", "alias", "churn", "challenger", "--delete").Exit);

        var list = server.Registry("read", "list", "churn");
        Assert.True(list.Exit == 0, list.ToString());
        Assert.Matches(@"v1\s*│\s*production", list.Out);
        Assert.Matches(@"v2\s*│\s*archived\s*│\s*champion", list.Out);
        var models = server.Registry("read", "list");
        Assert.Matches(@"churn\s*│\s*v1\s*│\s*2", models.Out);
        var show = server.Registry("read", "show", "churn", "v1");
        Assert.True(show.Exit == 0, show.ToString());
        Assert.Contains(sha, show.Out);
        Assert.Contains("\"framework\": \"onnx\"", show.Out);
        Assert.Contains("sha256:aa", show.Out);
        var showModel = server.Registry("read", "show", "churn");
        Assert.Contains("production:  v1", showModel.Out);
        Assert.Contains("from_stage", showModel.Out);
        var showJson = server.Registry("read", "show", "churn", "champion", "--format", "json");
        Assert.Equal("v1", JsonDocument.Parse(showJson.Out).RootElement.GetProperty("parent_version").GetString());

        // History lists every action; the chain verifies, then fails after a raw edit of one row.
        var history = server.Registry("read", "history", "churn", "--format", "json");
        Assert.True(history.Exit == 0, history.ToString());
        var actions = JsonDocument.Parse(history.Out).RootElement.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(
            ["version_created", "artifact_uploaded", "stage_changed", "stage_changed", "version_created", "stage_changed", "stage_changed", "stage_changed",
             "rollback", "alias_moved", "alias_moved", "alias_removed"],
            actions);
        var table = server.Registry("read", "history", "churn", "--limit", "100");
        Assert.Contains("latency regression", table.Out);
        Assert.Contains("cli-registry", table.Out);

        var intact = server.Registry("admin", "verify-audit");
        Assert.True(intact.Exit == 0, intact.ToString());
        Assert.Contains($"audit log intact, {actions.Count} entries", intact.Out);
        Assert.Equal(1, await server.ExecuteSqlAsync("UPDATE registry_audit SET reason = 'nothing to see' WHERE seq = 4"));
        var broken = server.Registry("admin", "verify-audit");
        Assert.True(broken.Exit == 1, broken.ToString());
        Assert.Contains("broken at entry 4", broken.Error);
    }

    public void Dispose() => _files.Dispose();
}
