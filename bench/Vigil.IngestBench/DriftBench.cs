using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Vigil.IngestBench;

/// <summary>
/// The drift time-series benchmark: a 50-feature model (40 numerical, 10 categorical) with a reference, and
/// <c>days x 24</c> hourly windows made by real ingest (<c>perWindow</c> events each, timestamps in the past);
/// then <c>GET /drift</c> over the whole range with the default step (one point per window).
/// </summary>
internal static class DriftBench
{
    private const int WindowsPerBatch = 10;

    public static BenchModel Model { get; } = new(40, 10);

    /// <summary>The end of the range: the start of the current hour (so every window is in the past).</summary>
    public static DateTimeOffset RangeEnd(DateTimeOffset now) => new(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);

    public static async Task<int> SetupAsync(BenchClient client, string model, int days, int perWindow, int referenceRows, DateTimeOffset to, string label)
    {
        var clock = Stopwatch.StartNew();
        await client.PutJsonAsync($"/api/v1/models/{model}", Model.SchemaJson());
        var rng = new Random(7);
        var reference = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(reference))
        {
            w.WriteStartArray();
            for (var i = 0; i < referenceRows; i++)
            {
                Model.WriteReferenceRow(w, rng);
            }

            w.WriteEndArray();
        }

        await client.PostOrThrowAsync($"/api/v1/models/{model}/versions/v1/reference", reference.WrittenSpan.ToArray(), "application/json");
        var windows = days * 24;
        var from = to - TimeSpan.FromHours(windows);
        long events = 0;
        for (var first = 0; first < windows; first += WindowsPerBatch)
        {
            var body = new ArrayBufferWriter<byte>();
            var count = 0;
            using (var w = new Utf8JsonWriter(body))
            {
                w.WriteStartArray();
                for (var h = first; h < Math.Min(windows, first + WindowsPerBatch); h++)
                {
                    var start = from + TimeSpan.FromHours(h);
                    var shift = (double)h / windows;
                    for (var i = 0; i < perWindow; i++)
                    {
                        var id = "w" + h.ToString("D5", CultureInfo.InvariantCulture) + "-" + i.ToString("D5", CultureInfo.InvariantCulture);
                        Model.WriteEvent(w, id, start + TimeSpan.FromMilliseconds(rng.Next(3_600_000)), rng, shift);
                        count++;
                    }
                }

                w.WriteEndArray();
            }

            var bytes = body.WrittenSpan.ToArray();
            var (status, accepted) = await client.PostAsync($"/api/v1/models/{model}/predictions", bytes, bytes.Length, "application/json");
            if ((int)status != 200 || accepted != count)
            {
                throw new InvalidOperationException($"drift setup: HTTP {(int)status}, accepted {accepted} of {count}.");
            }

            events += count;
        }

        Console.Error.WriteLine($"[{label}] drift setup: {windows} windows x {perWindow} events ({events:N0} events), reference {referenceRows:N0} rows, {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    public static async Task<int> QueryAsync(BenchClient client, string model, int days, int queries, DateTimeOffset to, string label, bool includeCold)
    {
        var from = to - TimeSpan.FromDays(days);
        var path = $"/api/v1/models/{model}/drift?version=v1&from={Iso(from)}&to={Iso(to)}";
        var times = new List<double>();
        double cold = double.NaN;
        int points = 0, features = 0;
        long bytes = 0;
        for (var q = 0; q < queries + (includeCold ? 1 : 0); q++)
        {
            var clock = Stopwatch.StartNew();
            var body = await client.GetAsync(path);
            var ms = clock.Elapsed.TotalMilliseconds;
            if (q == 0)
            {
                (points, features) = Shape(body);
                bytes = body.Length;
            }

            if (includeCold && q == 0)
            {
                cold = ms;
            }
            else
            {
                times.Add(ms);
            }
        }

        times.Sort();
        var report = new DriftReport(label, days, points, features, bytes, cold, IngestLoad.Percentile(times, 0.5), IngestLoad.Percentile(times, 0.95), times.Count);
        Console.WriteLine(JsonSerializer.Serialize(report, BenchJson.Options));
        Console.Error.WriteLine($"[{label}] drift {points} points x {features} features ({bytes / 1024.0:N0} KiB): cold {cold:F0} ms, warm median {report.WarmMedianMs:F0} ms, p95 {report.WarmP95Ms:F0} ms over {times.Count} queries");
        return 0;
    }

    private static (int Points, int Features) Shape(byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        var series = doc.RootElement.GetProperty("series");
        if (series.GetArrayLength() == 0)
        {
            return (0, 0);
        }

        var pts = series[0].GetProperty("points");
        var features = 0;
        foreach (var p in pts.EnumerateArray())
        {
            features = Math.Max(features, p.GetProperty("features").GetArrayLength());
        }

        return (pts.GetArrayLength(), features);
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
