using System.Text.Json;

namespace Vigil.Cli.Tests.Evaluation;

/// <summary><c>vigil eval --record</c> and <c>--baseline-run</c> against a real in-process server.</summary>
public sealed class EvalRecordTests : IAsyncLifetime, IDisposable
{
    private readonly CliRunner _cli = new();
    private InProcessServer? _server;

    private string Url => _server!.Url;

    private Dictionary<string, string> Keys => _server!.Keys;

    public async Task InitializeAsync() => _server = await InProcessServer.StartAsync(_cli.PathOf("server"));

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public void Dispose() => _cli.Dispose();

    private Task<JsonElement> GetAsync(string path) => _server!.GetAsync(path);

    [Fact]
    public async Task Record_RegistersTheSet_StoresTheRun_ThenABaselineRunGatesTheNext_AndRunsCompare()
    {
        var golden = EvalReference.Eval("cls_golden.jsonl");
        var (exit, first, error) = EvalCli.Json(_cli, "-d", golden, "-p", EvalReference.Eval("cls_preds_a.jsonl"), "--gate", "accuracy>=0.5",
            "--record", "--server", Url, "--api-key", Keys["ingest"], "--model", "spam", "--model-version", "v1",
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
            "--baseline-run", baseId, "--api-key", Keys["ingest"], "--server", Url);
        Assert.Equal(2, refused); // the ingest key cannot read the baseline run
        Assert.Contains("403", why);

        using var noKey = new EnvScope("VIGIL_API_KEY", null);
        var (exit2, second, error2) = EvalCli.Json(_cli, "-d", golden, "-p", EvalReference.Eval("cls_preds_b.jsonl"), "--gate", "accuracy>=baseline-1",
            "--baseline-run", baseId, "--api-key", Keys["read"], "--server", Url);
        Assert.True(exit2 == 0, error2);
        var gate = second.GetProperty("gates")[0];
        Assert.Equal(first.GetProperty("metrics").GetProperty("accuracy").GetDouble(), gate.GetProperty("baseline").GetDouble());

        (exit2, second, error2) = EvalCli.Json(_cli, "-d", golden, "-p", EvalReference.Eval("cls_preds_b.jsonl"),
            "--record", "--server", Url, "--api-key", Keys["ingest"], "--model", "spam", "--model-version", "v2", "--golden-set", "spam-gold");
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
        var (exit, error) = _cli.Run("eval", "-d", golden, "-p", preds, "--record", "--server", Url, "--api-key", "x", "--model-version", "v1");
        Assert.Equal(2, exit);
        Assert.Contains("--record needs --model", error);
        (exit, error) = _cli.Run("eval", "-d", golden, "-p", preds, "--model", "spam");
        Assert.Equal(2, exit);
        Assert.Contains("add --record", error);
        (exit, error) = _cli.Run("eval", "-d", golden, "-p", preds, "--record", "--server", Url, "--api-key", "vgl_000000000000_" + new string('x', 43), "--model", "spam", "--model-version", "v1");
        Assert.Equal(2, exit);
        Assert.Contains("401", error);
        (exit, error) = _cli.Run("eval", "-d", golden, "-p", preds, "--record", "--server", "http://127.0.0.1:1", "--api-key", Keys["ingest"], "--model", "spam", "--model-version", "v1", "--golden-set", "nope");
        Assert.Equal(2, exit);
        Assert.Contains("cannot reach the Vigil server at http://127.0.0.1:1/", error);
        (exit, error) = _cli.Run("eval", "-d", golden, "-p", preds, "--record", "--server", Url, "--api-key", Keys["ingest"], "--model", "spam", "--model-version", "v1", "--golden-set", "unregistered");
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
