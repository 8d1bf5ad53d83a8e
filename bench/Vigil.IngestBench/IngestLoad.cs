using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Vigil.IngestBench;

/// <summary>
/// Sustained ingest: <c>connections</c> loops each POST a batch, wait for the acknowledgement, and POST the next.
/// Requests completed during the warm-up are not counted; the measured window is the <c>duration</c> after it.
/// </summary>
internal static class IngestLoad
{
    public static async Task<int> RunAsync(BenchClient client, string model, int connections, int batchSize, TimeSpan warmup, TimeSpan duration, string label)
    {
        var templates = new BatchTemplates(new BenchModel(20, 5), batchSize, 16, seed: 42);
        Console.Error.WriteLine($"[{label}] {connections} connections x {batchSize} events/batch, {templates.MeanEventBytes:F0} bytes/event, warm-up {warmup.TotalSeconds:F0} s, measured {duration.TotalSeconds:F0} s");
        long nextBatch = 0;
        var clock = Stopwatch.StartNew();
        var measureFrom = warmup;
        var measureTo = warmup + duration;
        var results = new List<Sample>[connections];
        var failures = new int[connections];
        var unavailable = new int[connections];
        var tasks = new Task[connections];
        for (var c = 0; c < connections; c++)
        {
            var index = c;
            results[c] = new List<Sample>(4096);
            tasks[c] = Task.Run(async () =>
            {
                var buffer = new byte[templates.MaxBodyLength];
                while (clock.Elapsed < measureTo)
                {
                    var batch = Interlocked.Increment(ref nextBatch) - 1;
                    var length = templates.Write(batch, buffer);
                    var sent = clock.Elapsed;
                    var (status, accepted) = await client.PostAsync($"/api/v1/models/{model}/predictions", buffer, length, "application/json");
                    var done = clock.Elapsed;
                    if (status == HttpStatusCode.ServiceUnavailable)
                    {
                        unavailable[index]++;
                        await Task.Delay(100);
                        continue;
                    }

                    if (status != HttpStatusCode.OK || accepted != batchSize)
                    {
                        failures[index]++;
                        if (failures[index] <= 3)
                        {
                            Console.Error.WriteLine($"[{label}] batch {batch}: HTTP {(int)status}, accepted {accepted} of {batchSize}");
                        }

                        continue;
                    }

                    results[index].Add(new Sample(sent, done));
                }
            });
        }

        await Task.WhenAll(tasks);
        var latencies = new List<double>();
        long events = 0;
        foreach (var list in results)
        {
            foreach (var s in list)
            {
                if (s.Done >= measureFrom && s.Done < measureTo)
                {
                    events += batchSize;
                    latencies.Add((s.Done - s.Sent).TotalMilliseconds);
                }
            }
        }

        latencies.Sort();
        var report = new IngestReport(label, connections, batchSize, Math.Round(templates.MeanEventBytes), duration.TotalSeconds, events,
            events / duration.TotalSeconds, latencies.Count, Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99),
            latencies.Count == 0 ? double.NaN : latencies[^1], failures.Sum(), unavailable.Sum());
        Console.WriteLine(JsonSerializer.Serialize(report, BenchJson.Options));
        Console.Error.WriteLine($"[{label}] {report.EventsPerSecond:N0} events/s, ack p50 {report.P50Ms:F1} ms, p95 {report.P95Ms:F1} ms, p99 {report.P99Ms:F1} ms ({report.Requests} requests, {report.Failures} failed, {report.Unavailable} answered 503)");
        return report.Failures == 0 ? 0 : 1;
    }

    /// <summary>The linear-interpolation percentile (numpy's default) of sorted values.</summary>
    public static double Percentile(List<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var position = q * (sorted.Count - 1);
        var lo = (int)Math.Floor(position);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((position - lo) * (sorted[hi] - sorted[lo]));
    }

    private readonly record struct Sample(TimeSpan Sent, TimeSpan Done);
}
