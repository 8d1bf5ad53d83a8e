using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Auth;
using Vigil.Server.Hosting;
using Vigil.Storage;

namespace Vigil.Cli.Tests.Evaluation;

/// <summary><c>vigil eval --record</c> and <c>--baseline-run</c> against a real in-process server.</summary>
public sealed class EvalRecordTests : IAsyncLifetime, IDisposable
{
    private readonly CliRunner _cli = new();
    private WebApplication? _app;
    private string _url = string.Empty;
    private readonly Dictionary<string, string> _keys = [];

    public async Task InitializeAsync()
    {
        _app = VigilServer.Build([], o =>
        {
            o.Urls = "http://127.0.0.1:0";
            o.DataDirectory = _cli.PathOf("server");
        });
        await VigilServer.MigrateAsync(_app);
        await _app.StartAsync();
        _url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        foreach (var scope in new[] { "ingest", "read" })
        {
            var (key, record) = ApiKeys.Create($"ci-{scope}", [scope], DateTimeOffset.UtcNow);
            await _app.Services.GetRequiredService<IVigilStore>().InsertApiKeyAsync(record, default);
            _keys[scope] = key;
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    public void Dispose() => _cli.Dispose();

    private async Task<JsonElement> GetAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_url + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _keys["read"]);
        return JsonDocument.Parse(await http.GetStringAsync(path)).RootElement.Clone();
    }

    [Fact]
    public async Task Record_RegistersTheSet_StoresTheRun_ThenABaselineRunGatesTheNext_AndRunsCompare()
    {
        var golden = EvalReference.Eval("cls_golden.jsonl");
        var (exit, first, error) = EvalCli.Json(_cli, "-d", golden, "-p", EvalReference.Eval("cls_preds_a.jsonl"), "--gate", "accuracy>=0.5",
            "--record", "--server", _url, "--api-key", _keys["ingest"], "--model", "spam", "--model-version", "v1",
            "--golden-set", "spam-gold", "--register-golden-set", "--run-tag", "prompt_version=p7");
        Assert.True(exit == 0, error);

        var runs = await GetAsync("api/v1/models/spam/eval-runs");
        var run = Assert.Single(runs.EnumerateArray());
        Assert.Equal("v1", run.GetProperty("version").GetString());
        Assert.Equal("spam-gold", run.GetProperty("golden_set").GetString());
        Assert.Equal(first.GetProperty("dataset_hash").GetString(), "sha256:" + run.GetProperty("dataset_sha256").GetString());
        Assert.Equal("p7", run.GetProperty("config").GetProperty("prompt_version").GetString());
        Assert.Equal(["accuracy>=0.5"], run.GetProperty("config").GetProperty("gates").EnumerateArray().Select(g => g.GetString()));
        Assert.True(run.GetProperty("passed").GetBoolean());
        Assert.Equal(first.GetProperty("metrics").GetProperty("accuracy").GetDouble(), run.GetProperty("result").GetProperty("metrics").GetProperty("accuracy").GetDouble());
        var set = (await GetAsync("api/v1/golden-sets/spam-gold"))[0];
        Assert.Equal(run.GetProperty("dataset_sha256").GetString(), set.GetProperty("sha256").GetString());
        var baseId = run.GetProperty("id").GetString()!;

        // The next version is gated against the recorded run, then recorded too.
        var (refused, why) = _cli.Run("eval", "-d", golden, "-p", EvalReference.Eval("cls_preds_b.jsonl"), "--gate", "accuracy>=baseline-1",
            "--baseline-run", baseId, "--api-key", _keys["ingest"], "--server", _url);
        Assert.Equal(2, refused); // the ingest key cannot read the baseline run
        Assert.Contains("403", why);

        using var noKey = new EnvScope("VIGIL_API_KEY", null);
        var (exit2, second, error2) = EvalCli.Json(_cli, "-d", golden, "-p", EvalReference.Eval("cls_preds_b.jsonl"), "--gate", "accuracy>=baseline-1",
            "--baseline-run", baseId, "--api-key", _keys["read"], "--server", _url);
        Assert.True(exit2 == 0, error2);
        var gate = second.GetProperty("gates")[0];
        Assert.Equal(first.GetProperty("metrics").GetProperty("accuracy").GetDouble(), gate.GetProperty("baseline").GetDouble());

        (exit2, second, error2) = EvalCli.Json(_cli, "-d", golden, "-p", EvalReference.Eval("cls_preds_b.jsonl"),
            "--record", "--server", _url, "--api-key", _keys["ingest"], "--model", "spam", "--model-version", "v2", "--golden-set", "spam-gold");
        Assert.True(exit2 == 0, error2);
        var candidateId = (await GetAsync("api/v1/models/spam/eval-runs?version=v2"))[0].GetProperty("id").GetString();
        var compare = await GetAsync($"api/v1/eval-runs/compare?base={baseId}&candidate={candidateId}");
        Assert.True(compare.GetProperty("same_dataset").GetBoolean());
        var accuracy = compare.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "accuracy");
        var expected = second.GetProperty("metrics").GetProperty("accuracy").GetDouble() - first.GetProperty("metrics").GetProperty("accuracy").GetDouble();
        Assert.Equal(expected, accuracy.GetProperty("delta").GetDouble(), 12);
        foreach (var tag in first.GetProperty("by_tag").EnumerateObject())
        {
            var delta = compare.GetProperty("by_tag").GetProperty(tag.Name).EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "accuracy");
            Assert.Equal(second.GetProperty("by_tag").GetProperty(tag.Name).GetProperty("accuracy").GetDouble() - tag.Value.GetProperty("accuracy").GetDouble(), delta.GetProperty("delta").GetDouble(), 12);
        }
    }

    [Fact]
    public void Record_BadUsageAndUnreachableServer_Exit2WithMessages()
    {
        var golden = EvalReference.Eval("cls_golden.jsonl");
        var preds = EvalReference.Eval("cls_preds_a.jsonl");
        var (exit, error) = _cli.Run("eval", "-d", golden, "-p", preds, "--record", "--server", _url, "--api-key", "x", "--model-version", "v1");
        Assert.Equal(2, exit);
        Assert.Contains("--record needs --model", error);
        (exit, error) = _cli.Run("eval", "-d", golden, "-p", preds, "--model", "spam");
        Assert.Equal(2, exit);
        Assert.Contains("add --record", error);
        (exit, error) = _cli.Run("eval", "-d", golden, "-p", preds, "--record", "--server", _url, "--api-key", "vgl_000000000000_" + new string('x', 43), "--model", "spam", "--model-version", "v1");
        Assert.Equal(2, exit);
        Assert.Contains("401", error);
        (exit, error) = _cli.Run("eval", "-d", golden, "-p", preds, "--record", "--server", "http://127.0.0.1:1", "--api-key", _keys["ingest"], "--model", "spam", "--model-version", "v1", "--golden-set", "nope");
        Assert.Equal(2, exit);
        Assert.Contains("cannot reach the Vigil server at http://127.0.0.1:1/", error);
        (exit, error) = _cli.Run("eval", "-d", golden, "-p", preds, "--record", "--server", _url, "--api-key", _keys["ingest"], "--model", "spam", "--model-version", "v1", "--golden-set", "unregistered");
        Assert.Equal(2, exit);
        Assert.Contains("golden_set: 'unregistered' is not registered", error);
    }

    private sealed class EnvScope : IDisposable
    {
        private readonly string _name;
        private readonly string? _old;

        public EnvScope(string name, string? value)
        {
            _name = name;
            _old = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }

        public void Dispose() => Environment.SetEnvironmentVariable(_name, _old);
    }
}
