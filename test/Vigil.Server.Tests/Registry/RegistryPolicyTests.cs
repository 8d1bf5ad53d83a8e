using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using static Vigil.Server.Tests.Registry.RegistryClient;

namespace Vigil.Server.Tests.Registry;

public sealed class RegistryPolicyTests
{
    private const string Golden = """
        {"id": "1", "input": "a", "expected": "yes", "tags": ["invoice"]}
        {"id": "2", "input": "b", "expected": "no", "tags": ["receipt"]}
        """;

    private static string Result(bool passed, double accuracy, double invoiceAccuracy)
    {
        var p = passed ? "true" : "false";
        var a = accuracy.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var i = invoiceAccuracy.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return "{\"task\": \"classification\", \"count\": 2, \"metrics\": {\"accuracy\": " + a + ", \"f1\": 0.5}, "
            + "\"by_tag\": {\"invoice\": {\"accuracy\": " + i + "}, \"receipt\": {\"accuracy\": 1.0}}, "
            + "\"gates\": [{\"metric\": \"accuracy\", \"rule\": \">=0.9\", \"value\": " + a + ", \"baseline\": null, \"passed\": " + p + "}], "
            + "\"passed\": " + p + "}";
    }

    private static async Task<string> RecordRunAsync(TestServer server, string version, string sha, bool passed, double accuracy, double invoiceAccuracy)
    {
        var body = $$"""{"version": "{{version}}", "golden_set": "invoices", "dataset_sha256": "{{sha}}", "config": {"prompt_version": "p7"}, "result": {{Result(passed, accuracy, invoiceAccuracy)}}}""";
        var run = await Expect(await Post(server.Client("ingest"), "api/v1/models/extractor/eval-runs", body), HttpStatusCode.Created);
        return run.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Promotion_RequiresPassingRun_Approval_AndTimeInStaging_ThenSnapshotsTheBaseline()
    {
        var clock = new ShiftedClock();
        await using var server = await TestServer.StartAsync(time: clock);
        await CreateVersionAsync(server, "extractor", "v1");
        var policy = """
            {"max_production_versions": 1, "rules": [
              {"kind": "from_stage", "to": "production", "stages": ["staging"]},
              {"kind": "eval_run", "to": "production", "golden_set": "invoices"},
              {"kind": "approval", "to": "production", "count": 2},
              {"kind": "min_time_in_stage", "to": "production", "stage": "staging", "hours": 24}]}
            """;
        await Expect(await Put(server.Client("registry"), "api/v1/registry/models/extractor/policy", policy), HttpStatusCode.Forbidden);
        var badPolicy = await Expect(await Put(server.Client("admin"), "api/v1/registry/models/extractor/policy", """{"rules": [{"kind": "eval_run", "to": "production"}]}"""), HttpStatusCode.BadRequest);
        Assert.Equal("policy: rules[0] (eval_run): 'golden_set' is required.", badPolicy.GetProperty("detail").GetString());
        var unknownKind = await Expect(await Put(server.Client("admin"), "api/v1/registry/models/extractor/policy", """{"rules": [{"kind": "vibes"}]}"""), HttpStatusCode.BadRequest);
        Assert.Contains("'vibes' is unknown", unknownKind.GetProperty("detail").GetString());
        await Expect(await Put(server.Client("admin"), "api/v1/registry/models/extractor/policy", policy), HttpStatusCode.OK);

        // A golden set is registered by content hash; re-registering the same bytes is not a new version.
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Golden)));
        var set = await Expect(await server.Client("ingest").PutAsync("api/v1/golden-sets/invoices?description=q3", TestServer.Json(Golden, "application/x-ndjson")), HttpStatusCode.Created);
        Assert.Equal(sha, set.GetProperty("sha256").GetString());
        Assert.Equal(2, set.GetProperty("items").GetInt64());
        await Expect(await server.Client("ingest").PutAsync("api/v1/golden-sets/invoices", TestServer.Json(Golden, "application/x-ndjson")), HttpStatusCode.OK);
        var badSet = await Expect(await server.Client("ingest").PutAsync("api/v1/golden-sets/broken", TestServer.Json("{\"id\": 1, \"expected\": 2}\n{\"id\": 1, \"expected\": 3}", "application/x-ndjson")), HttpStatusCode.BadRequest);
        Assert.Equal("golden set 'broken' line 2: id '1' appears twice.", badSet.GetProperty("detail").GetString());
        Assert.Single(Directory.EnumerateFiles(Path.Combine(server.Directory, "artifacts", "sha256"), "*", SearchOption.AllDirectories)); // the refused file is not kept
        Assert.Equal(Golden, await server.Client("read").GetStringAsync("api/v1/golden-sets/invoices/content"));

        await Expect(await Stage(server, "extractor", "v1", "staging"), HttpStatusCode.OK);
        var refused = await Expect(await Stage(server, "extractor", "v1", "production"), HttpStatusCode.Conflict);
        var rules = refused.GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("rule").GetString()!, r => r);
        Assert.True(rules["from_stage"].GetProperty("passed").GetBoolean());
        Assert.False(rules["eval_run"].GetProperty("passed").GetBoolean());
        Assert.Contains("has no evaluation run on golden set 'invoices'", rules["eval_run"].GetProperty("detail").GetString());
        Assert.Equal(0, rules["approval"].GetProperty("values").GetProperty("actual").GetInt32());
        Assert.Equal(24, rules["min_time_in_stage"].GetProperty("values").GetProperty("required_hours").GetDouble());

        // A failing run is named with its failed gate; a later passing run satisfies the rule.
        var failedRun = await RecordRunAsync(server, "v1", sha, passed: false, accuracy: 0.81, invoiceAccuracy: 0.62);
        refused = await Expect(await Stage(server, "extractor", "v1", "production"), HttpStatusCode.Conflict);
        Assert.Contains($"{failedRun}", refused.GetProperty("detail").GetString());
        Assert.Contains("accuracy >=0.9 (value 0.81)", refused.GetProperty("detail").GetString());
        var passedRun = await RecordRunAsync(server, "v1", sha, passed: true, accuracy: 0.93, invoiceAccuracy: 0.9);

        // Approvals need admin keys; one approver is not two.
        await Expect(await Post(server.Client("registry"), "api/v1/registry/models/extractor/versions/v1/approvals", "{}"), HttpStatusCode.Forbidden);
        await Expect(await Post(server.Client("admin"), "api/v1/registry/models/extractor/versions/v1/approvals", """{"comment": "looks good"}"""), HttpStatusCode.OK);
        await Expect(await Post(server.Client("admin"), "api/v1/registry/models/extractor/versions/v1/approvals", """{"comment": "again"}"""), HttpStatusCode.OK);
        refused = await Expect(await Stage(server, "extractor", "v1", "production"), HttpStatusCode.Conflict);
        rules = refused.GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("rule").GetString()!, r => r);
        Assert.True(rules["eval_run"].GetProperty("passed").GetBoolean());
        Assert.Equal(1, rules["approval"].GetProperty("values").GetProperty("actual").GetInt32());
        await Expect(await Post(server.Client("admin2"), "api/v1/registry/models/extractor/versions/v1/approvals", """{"stage": "production"}"""), HttpStatusCode.OK);

        refused = await Expect(await Stage(server, "extractor", "v1", "production"), HttpStatusCode.Conflict);
        Assert.Equal(["min_time_in_stage"], refused.GetProperty("rules").EnumerateArray().Where(r => !r.GetProperty("passed").GetBoolean()).Select(r => r.GetProperty("rule").GetString()));
        clock.Advance(TimeSpan.FromHours(25));

        // The baseline at release: the accepted run's metrics and the version's reference profile.
        await Expect(await Put(server.Client("admin"), "api/v1/models/extractor", """{"prediction_type": "regression", "features": [{"name": "x", "type": "numerical"}]}"""), HttpStatusCode.OK);
        var reference = string.Join('\n', Enumerable.Range(0, 50).Select(i => $$"""{"x": {{i}}}"""));
        await Expect(await server.Client("admin").PostAsync("api/v1/models/extractor/versions/v1/reference", TestServer.Json(reference, "application/x-ndjson")), HttpStatusCode.OK);
        var promoted = await Expect(await Stage(server, "extractor", "v1", "production"), HttpStatusCode.OK);
        Assert.All(promoted.GetProperty("rules").EnumerateArray(), r => Assert.True(r.GetProperty("passed").GetBoolean()));
        var baseline = await Expect(await server.Client("read").GetAsync("api/v1/registry/models/extractor/baseline"), HttpStatusCode.OK);
        Assert.Equal("v1", baseline.GetProperty("version").GetString());
        Assert.Equal(passedRun, baseline.GetProperty("eval_run_id").GetString());
        Assert.Equal(0.93, baseline.GetProperty("metrics").GetProperty("accuracy").GetDouble());
        Assert.True(baseline.GetProperty("has_reference").GetBoolean());
        var profile = await server.Client("read").GetByteArrayAsync("api/v1/registry/models/extractor/baseline?format=vprof");
        var stored = await server.Services.GetRequiredService<Vigil.Storage.IVigilStore>().GetReferenceAsync("extractor", "v1", default);
        Assert.Equal(stored, profile);
        var lineage = await Expect(await server.Client("read").GetAsync("api/v1/registry/models/extractor/versions/production"), HttpStatusCode.OK);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(stored!)), lineage.GetProperty("reference_sha256").GetString());

        // Runs compared per metric and per tag.
        var compare = await Expect(await server.Client("read").GetAsync($"api/v1/eval-runs/compare?base={failedRun}&candidate={passedRun}"), HttpStatusCode.OK);
        Assert.True(compare.GetProperty("same_dataset").GetBoolean());
        var accuracy = compare.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "accuracy");
        Assert.Equal(0.93 - 0.81, accuracy.GetProperty("delta").GetDouble(), 12);
        Assert.Equal((0.93 - 0.81) / 0.81, accuracy.GetProperty("relative_delta").GetDouble(), 12);
        var invoice = compare.GetProperty("by_tag").GetProperty("invoice")[0];
        Assert.Equal(0.9 - 0.62, invoice.GetProperty("delta").GetDouble(), 12);
        var runs = await Expect(await server.Client("read").GetAsync("api/v1/models/extractor/eval-runs?version=v1"), HttpStatusCode.OK);
        Assert.Equal([passedRun, failedRun], runs.EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal("p7", runs[0].GetProperty("config").GetProperty("prompt_version").GetString());

        var wrongSet = await Expect(await Post(server.Client("ingest"), "api/v1/models/extractor/eval-runs", $$"""{"version": "v1", "golden_set": "invoices", "dataset_sha256": "{{new string('a', 64)}}", "result": {{Result(true, 1, 1)}}}"""), HttpStatusCode.BadRequest);
        Assert.Contains("is not a registered version of 'invoices'", wrongSet.GetProperty("detail").GetString());
    }
}
