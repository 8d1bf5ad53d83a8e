using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using static Vigil.Server.Tests.Registry.RegistryClient;

namespace Vigil.Server.Tests.Registry;

public sealed class RegistryLifecycleTests
{
    [Fact]
    public async Task Versions_Stages_Aliases_Rollback_UnderTheDefaultPolicy()
    {
        await using var server = await TestServer.StartAsync();
        await Expect(await Put(server.Client("registry"), "api/v1/registry/models/churn", """{"description": "churn classifier", "tags": {"team": "growth"}}"""), HttpStatusCode.OK);
        await CreateVersionAsync(server, "churn", "v1", """, "metadata": {"framework": "onnx", "auc": 0.91}, "training_data": "sha256:aa" """);
        await CreateVersionAsync(server, "churn", "v2", """, "parent_version": "v1" """);
        await CreateVersionAsync(server, "churn", "v3", """, "parent_version": "v2" """);
        await Expect(await Post(server.Client("registry"), "api/v1/registry/models/churn/versions", """{"version": "v1"}"""), HttpStatusCode.Conflict);
        var badParent = await Expect(await Post(server.Client("registry"), "api/v1/registry/models/churn/versions", """{"version": "v9", "parent_version": "v8"}"""), HttpStatusCode.BadRequest);
        Assert.StartsWith("parent_version:", badParent.GetProperty("detail").GetString());
        var unknownField = await Expect(await Post(server.Client("registry"), "api/v1/registry/models/churn/versions", """{"version": "v9", "frmework": 1}"""), HttpStatusCode.BadRequest);
        Assert.Contains("frmework", unknownField.GetProperty("detail").GetString());

        // The default policy: Production is entered from Staging only; the refusal names the rule and values.
        var refused = await Expect(await Stage(server, "churn", "v1", "production"), HttpStatusCode.Conflict);
        Assert.Equal("Promotion refused", refused.GetProperty("title").GetString());
        var rule = refused.GetProperty("rules")[0];
        Assert.Equal("from_stage", rule.GetProperty("rule").GetString());
        Assert.False(rule.GetProperty("passed").GetBoolean());
        Assert.Equal("none", rule.GetProperty("values").GetProperty("actual").GetString());

        await Expect(await Stage(server, "churn", "v1", "staging"), HttpStatusCode.OK);
        var promoted = await Expect(await Stage(server, "churn", "v1", "production"), HttpStatusCode.OK);
        Assert.Equal("staging", promoted.GetProperty("from").GetString());
        Assert.Equal("v1", await ProductionOf(server, "churn"));

        await Expect(await Stage(server, "churn", "v2", "staging"), HttpStatusCode.OK);
        var second = await Expect(await Stage(server, "churn", "v2", "production"), HttpStatusCode.OK);
        Assert.Equal(["v1"], second.GetProperty("archived").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("v2", await ProductionOf(server, "churn"));

        // Aliases resolve at each request.
        await Expect(await Put(server.Client("registry"), "api/v1/registry/models/churn/aliases/champion", """{"version": "production"}"""), HttpStatusCode.OK);
        await Expect(await Put(server.Client("registry"), "api/v1/registry/models/churn/aliases/challenger", """{"version": "v3"}"""), HttpStatusCode.OK);
        await Expect(await Put(server.Client("registry"), "api/v1/registry/models/churn/aliases/production", """{"version": "v3"}"""), HttpStatusCode.BadRequest);
        var champion = await Expect(await server.Client("read").GetAsync("api/v1/registry/models/churn/versions/champion"), HttpStatusCode.OK);
        Assert.Equal("v2", champion.GetProperty("version").GetString());
        await Expect(await Put(server.Client("registry"), "api/v1/registry/models/churn/aliases/champion", """{"version": "v3", "reason": "trial"}"""), HttpStatusCode.OK);
        Assert.Equal("v3", (await Expect(await server.Client("read").GetAsync("api/v1/registry/models/churn/versions/champion"), HttpStatusCode.OK)).GetProperty("version").GetString());
        await Expect(await server.Client("registry").DeleteAsync("api/v1/registry/models/churn/aliases/challenger"), HttpStatusCode.NoContent);
        await Expect(await server.Client("read").GetAsync("api/v1/registry/models/churn/versions/challenger"), HttpStatusCode.NotFound);

        // Rollback: v2 -> v1 in one call, seen at once by clients resolving 'production'.
        var rollback = await Expect(await Post(server.Client("registry"), "api/v1/registry/models/churn/rollback", """{"reason": "latency regression"}"""), HttpStatusCode.OK);
        Assert.Equal("v2", rollback.GetProperty("from").GetString());
        Assert.Equal("v1", rollback.GetProperty("to").GetString());
        Assert.True(rollback.GetProperty("elapsed_ms").GetDouble() > 0);
        Assert.Equal("v1", await ProductionOf(server, "churn"));
        var model = await Expect(await server.Client("read").GetAsync("api/v1/registry/models/churn"), HttpStatusCode.OK);
        var stages = model.GetProperty("versions").EnumerateArray().ToDictionary(v => v.GetProperty("version").GetString()!, v => v.GetProperty("stage").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["v1"] = "production", ["v2"] = "archived", ["v3"] = "none" }, stages);
        Assert.Equal("onnx", model.GetProperty("versions")[0].GetProperty("metadata").GetProperty("framework").GetString());
        Assert.Equal("sha256:aa", model.GetProperty("versions")[0].GetProperty("training_data").GetString());

        // Rolling back again goes to v2 (the previous production version), never to one that was never in production.
        var again = await Expect(await Post(server.Client("registry"), "api/v1/registry/models/churn/rollback", "{}"), HttpStatusCode.OK);
        Assert.Equal("v2", again.GetProperty("to").GetString());

        // History: one entry per change, attributed to the key's name, hash-chained, intact.
        var history = await Expect(await server.Client("read").GetAsync("api/v1/registry/models/churn/history"), HttpStatusCode.OK);
        var actions = history.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(
            ["model_created", "version_created", "version_created", "version_created", "stage_changed", "stage_changed", "stage_changed", "stage_changed", "stage_changed",
             "alias_moved", "alias_moved", "alias_moved", "alias_removed", "rollback", "rollback"],
            actions);
        Assert.All(history.EnumerateArray(), e => Assert.Equal("test-registry", e.GetProperty("actor").GetString()));
        var rollbackEntry = history.EnumerateArray().First(e => e.GetProperty("action").GetString() == "rollback");
        Assert.Equal("latency regression", rollbackEntry.GetProperty("reason").GetString());
        Assert.Equal("v2", rollbackEntry.GetProperty("before").GetProperty("production").GetString());
        var verify = await Expect(await server.Client("admin").GetAsync("api/v1/registry/audit/verify"), HttpStatusCode.OK);
        Assert.True(verify.GetProperty("intact").GetBoolean());
        Assert.Equal(actions.Count, verify.GetProperty("entries").GetInt64());
    }

    [Fact]
    public async Task Artifacts_AreContentAddressed_AndACorruptedOneIsDetectedOnRead()
    {
        await using var server = await TestServer.StartAsync();
        await CreateVersionAsync(server, "fraud", "v1");
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var upload = await server.Client("registry").PutAsync("api/v1/registry/models/fraud/versions/v1/artifacts/model.onnx", new ByteArrayContent(bytes));
        var artifact = await Expect(upload, HttpStatusCode.OK);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal(sha, artifact.GetProperty("sha256").GetString());
        Assert.Equal(bytes.Length, artifact.GetProperty("size").GetInt64());

        var download = await server.Client("read").GetAsync("api/v1/registry/models/fraud/versions/latest/artifacts/model.onnx");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(sha, download.Headers.GetValues("X-Vigil-Sha256").Single());
        await Expect(await server.Client("read").GetAsync("api/v1/registry/models/fraud/versions/v1/artifacts/other.bin"), HttpStatusCode.NotFound);
        await Expect(await server.Client("registry").PutAsync("api/v1/registry/models/fraud/versions/v1/artifacts/..%2Fx", new ByteArrayContent([1])), HttpStatusCode.BadRequest);

        // Flip one byte on disk: the next read refuses it.
        var path = Path.Combine(server.Directory, "artifacts", "sha256", sha[..2], sha);
        var onDisk = await File.ReadAllBytesAsync(path);
        onDisk[1234] ^= 0x01;
        await File.WriteAllBytesAsync(path, onDisk);
        var corrupt = await Expect(await server.Client("read").GetAsync("api/v1/registry/models/fraud/versions/v1/artifacts/model.onnx"), HttpStatusCode.InternalServerError);
        Assert.Equal("Artifact corrupt", corrupt.GetProperty("title").GetString());
        Assert.Contains(sha, corrupt.GetProperty("detail").GetString());

        // Uploading the good bytes again repairs the stored copy.
        await Expect(await server.Client("registry").PutAsync("api/v1/registry/models/fraud/versions/v1/artifacts/model.onnx", new ByteArrayContent(bytes)), HttpStatusCode.OK);
        Assert.Equal(bytes, await (await server.Client("read").GetAsync("api/v1/registry/models/fraud/versions/v1/artifacts/model.onnx")).Content.ReadAsByteArrayAsync());

        var tooBig = await TestServer.StartAsync(o => o.MaxArtifactBytes = 100_000);
        await using (tooBig)
        {
            await CreateVersionAsync(tooBig, "fraud", "v1");
            await Expect(await tooBig.Client("registry").PutAsync("api/v1/registry/models/fraud/versions/v1/artifacts/model.onnx", new ByteArrayContent(bytes)), HttpStatusCode.RequestEntityTooLarge);
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(tooBig.Directory, "artifacts"), "*", SearchOption.AllDirectories));
        }
    }

    [Fact]
    public async Task ConcurrentPromotions_ExactlyOneWins_NeverTwoProductionVersions()
    {
        await using var server = await TestServer.StartAsync();
        for (var i = 1; i <= 6; i++)
        {
            await CreateVersionAsync(server, "ranker", $"v{i}");
            await Expect(await Stage(server, "ranker", $"v{i}", "staging"), HttpStatusCode.OK);
        }

        for (var round = 0; round < 3; round++)
        {
            var candidates = Enumerable.Range(1, 6).Select(i => $"v{i}").ToArray();
            var current = round == 0 ? null : await ProductionOf(server, "ranker");
            var contenders = candidates.Where(v => v != current).Take(4).ToArray();
            var expected = current ?? "none";
            var responses = await Task.WhenAll(contenders.Select(v => Post(server.Client("registry"), $"api/v1/registry/models/ranker/versions/{v}/stage", $$"""{"stage": "production", "expected_production": "{{expected}}"}""")));
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            var model = await Expect(await server.Client("read").GetAsync("api/v1/registry/models/ranker"), HttpStatusCode.OK);
            var inProduction = model.GetProperty("versions").EnumerateArray().Count(v => v.GetProperty("stage").GetString() == "production");
            Assert.Equal(1, inProduction);
            foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            {
                Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
            }

            // Put the archived ones back in staging for the next round.
            foreach (var v in model.GetProperty("versions").EnumerateArray().Where(v => v.GetProperty("stage").GetString() == "archived"))
            {
                await Expect(await Stage(server, "ranker", v.GetProperty("version").GetString()!, "staging"), HttpStatusCode.OK);
            }
        }
    }
}
