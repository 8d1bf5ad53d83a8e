using System.Globalization;
using Vigil.IngestBench;

// Load generator for `vigil serve` (see bench/ingest/run.sh):
//   ingest       --url U --key K [--model bench --connections 8 --batch 2000 --warmup 10 --duration 30 --label sqlite]
//   schema       --url U --key K [--model bench]                       (20 numerical + 5 categorical features)
//   drift-setup  --url U --key K [--model drift50 --days 30 --per-window 150 --reference-rows 10000 --to ISO]
//   drift-query  --url U --key K [--model drift50 --days 30 --queries 20 --cold true --to ISO]
//   table        results.jsonl                                         (the JSON lines above as Markdown tables)
if (args is ["table", var resultFile])
{
    return ResultTable.Print(resultFile);
}

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Vigil.IngestBench ingest|schema|drift-setup|drift-query --url http://127.0.0.1:5080 --key vgl_... [options]");
    return 2;
}

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i + 1 < args.Length; i += 2)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal))
    {
        Console.Error.WriteLine($"expected an option, got '{args[i]}'.");
        return 2;
    }

    options[args[i][2..]] = args[i + 1];
}

string Get(string name, string fallback) => options.TryGetValue(name, out var v) ? v : fallback;
int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
DateTimeOffset To() => options.TryGetValue("to", out var t) ? DateTimeOffset.Parse(t, CultureInfo.InvariantCulture) : DriftBench.RangeEnd(DateTimeOffset.UtcNow);

var url = Get("url", "http://127.0.0.1:5080");
var key = Get("key", Environment.GetEnvironmentVariable("VIGIL_KEY") ?? string.Empty);
var label = Get("label", "server");
var connections = Int("connections", 8);
using var client = new BenchClient(url, key, connections);
switch (args[0])
{
    case "schema":
        await client.PutJsonAsync($"/api/v1/models/{Get("model", "bench")}", new BenchModel(20, 5).SchemaJson());
        return 0;
    case "ingest":
        return await IngestLoad.RunAsync(client, Get("model", "bench"), connections, Int("batch", 2000),
            TimeSpan.FromSeconds(Int("warmup", 10)), TimeSpan.FromSeconds(Int("duration", 30)), label);
    case "drift-setup":
        return await DriftBench.SetupAsync(client, Get("model", "drift50"), Int("days", 30), Int("per-window", 150), Int("reference-rows", 10_000), To(), label);
    case "drift-query":
        return await DriftBench.QueryAsync(client, Get("model", "drift50"), Int("days", 30), Int("queries", 20), To(), label, Get("cold", "true") == "true");
    default:
        Console.Error.WriteLine($"unknown mode '{args[0]}'.");
        return 2;
}
