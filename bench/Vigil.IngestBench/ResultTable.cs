using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Vigil.IngestBench;

/// <summary>Prints the JSON lines the other modes wrote as two side-by-side Markdown tables (ingest, drift).</summary>
internal static class ResultTable
{
    public static int Print(string path)
    {
        var ingest = new List<IngestReport>();
        var drift = new List<DriftReport>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Contains("\"events_per_second\"", StringComparison.Ordinal))
            {
                ingest.Add(JsonSerializer.Deserialize<IngestReport>(line, BenchJson.Options)!);
            }
            else if (line.Contains("\"warm_median_ms\"", StringComparison.Ordinal))
            {
                drift.Add(JsonSerializer.Deserialize<DriftReport>(line, BenchJson.Options)!);
            }
        }

        var text = new StringBuilder();
        if (ingest.Count > 0)
        {
            var first = ingest[0];
            text.AppendLine(CultureInfo.InvariantCulture, $"Sustained ingest: {first.Connections} connections x {first.BatchSize:N0} events per batch (~{first.EventBytes:F0} bytes/event), {first.Seconds:F0} s measured after warm-up");
            text.AppendLine();
            Row(text, "", ingest.Select(r => r.Store));
            Row(text, "---", ingest.Select(_ => "---"));
            Row(text, "events/s accepted", ingest.Select(r => r.EventsPerSecond.ToString("N0", CultureInfo.InvariantCulture)));
            Row(text, "ack latency p50", ingest.Select(r => Ms(r.P50Ms)));
            Row(text, "ack latency p95", ingest.Select(r => Ms(r.P95Ms)));
            Row(text, "ack latency p99", ingest.Select(r => Ms(r.P99Ms)));
            Row(text, "ack latency max", ingest.Select(r => Ms(r.MaxMs)));
            Row(text, "requests (failed, 503)", ingest.Select(r => $"{r.Requests:N0} ({r.Failures}, {r.Unavailable})"));
            text.AppendLine();
        }

        if (drift.Count > 0)
        {
            var first = drift[0];
            text.AppendLine(CultureInfo.InvariantCulture, $"Drift time series: {first.Days} days, {first.Points} points x {first.Features} features, end to end over HTTP");
            text.AppendLine();
            Row(text, "", drift.Select(r => r.Store));
            Row(text, "---", drift.Select(_ => "---"));
            Row(text, "cold (first query after start)", drift.Select(r => Ms(r.ColdMs)));
            Row(text, "warm median", drift.Select(r => Ms(r.WarmMedianMs)));
            Row(text, "warm p95", drift.Select(r => Ms(r.WarmP95Ms)));
            Row(text, "warm queries", drift.Select(r => r.WarmQueries.ToString(CultureInfo.InvariantCulture)));
            Row(text, "response size", drift.Select(r => $"{r.ResponseBytes / 1024.0:N0} KiB"));
        }

        Console.Write(text.ToString());
        return 0;
    }

    private static string Ms(double ms) => double.IsNaN(ms) ? "-" : ms.ToString(ms < 10 ? "F1" : "F0", CultureInfo.InvariantCulture) + " ms";

    private static void Row(StringBuilder text, string head, IEnumerable<string> cells) =>
        text.Append("| ").Append(head).Append(" | ").Append(string.Join(" | ", cells)).AppendLine(" |");
}
