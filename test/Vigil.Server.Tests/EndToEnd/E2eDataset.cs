using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Vigil.Server.Tests.EndToEnd;

/// <summary>
/// A deterministic binary-classification dataset for the end-to-end tests, in time order like real traffic:
/// events fill hourly windows one after another (window n / perWindow) of a range ending a day ago (inside raw
/// retention); variant a or b alternately, version v1 (v2 for every 7th), region north or south (also its
/// segment), a feature x that shifts in every third window, a score in 64ths, integral latencies, an error on
/// every 101st event, and a label on two of three events.
/// </summary>
/// <remarks>
/// Every (version, variant, segment, window) holds at most <see cref="MaxPerKey"/> events, so window profiles
/// stay exact (below the 512-value exact limit): answers then depend only on which events a window holds, not on
/// the order deltas were merged, and two stores holding the same events must answer alike. Values are small
/// dyadic rationals and integers, so their sums are exact in any order too.
/// </remarks>
internal sealed class E2eDataset
{
    /// <summary>The model name.</summary>
    public const string Model = "e2e";

    /// <summary>The model's schema (PUT /api/v1/models/e2e).</summary>
    public const string SchemaJson = """
        {"prediction_type": "binary", "classes": ["no", "yes"], "window_minutes": 60,
         "features": [{"name": "x", "type": "numerical"}, {"name": "region", "type": "categorical"}]}
        """;

    private const int MaxPerKey = 500;

    private readonly int _perWindow;

    public E2eDataset(int events, int windows, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windows, 2);
        Events = events;
        Windows = windows;
        _perWindow = (events + windows - 1) / windows;
        // Variants alternate, so the key with the most events, (v1, a, window), holds at most half a window and one.
        ArgumentOutOfRangeException.ThrowIfGreaterThan((_perWindow / 2) + 1, MaxPerKey, nameof(events));
        var now = DateTimeOffset.UtcNow;
        End = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddDays(-1);
        Start = End.AddHours(-windows);
        for (var first = 0; first < events; first += batchSize)
        {
            var count = Math.Min(batchSize, events - first);
            Predictions.Add(PredictionBatch(first / batchSize, first, count));
            Labels.Add(LabelBatch(first / batchSize, first, count));
        }
    }

    /// <summary>Distinct prediction events.</summary>
    public int Events { get; }

    /// <summary>Hourly windows spanned.</summary>
    public int Windows { get; }

    /// <summary>Start of the first window.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>End of the last window.</summary>
    public DateTimeOffset End { get; }

    /// <summary>Prediction batches, block i holding events [i·size, (i+1)·size).</summary>
    public List<EventBatch> Predictions { get; } = [];

    /// <summary>Label batches, block i labelling (two of three of) the events of prediction block i.</summary>
    public List<EventBatch> Labels { get; } = [];

    /// <summary>Distinct labels.</summary>
    public int LabelCount => Labels.Sum(b => b.Ids.Count);

    /// <summary>Distinct prediction events of the first <paramref name="blocks"/> blocks.</summary>
    public int EventsOf(int blocks) => Predictions.Take(blocks).Sum(b => b.Ids.Count);

    /// <summary>Distinct labels of the first <paramref name="blocks"/> blocks.</summary>
    public int LabelsOf(int blocks) => Labels.Take(blocks).Sum(b => b.Ids.Count);

    /// <summary>Reference rows for version v1 (JSON Lines): x before the shift, regions and predictions.</summary>
    public string ReferenceRows => string.Join('\n', Enumerable.Range(0, 1000).Select(i =>
        $$"""{"x": {{X(i * 3, 0).ToString(CultureInfo.InvariantCulture)}}, "region": "{{Region(i)}}", "prediction": "{{(Score(i) >= 0.5 ? "yes" : "no")}}"}"""));

    /// <summary>The query string every time-series route gets: the whole range.</summary>
    public string Range => $"from={Start.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}&to={End.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}";

    private static string Region(int n) => n % 3 == 0 ? "south" : "north";

    private static double Score(int n) => (n * 31 % 64) / 64.0;

    private static double X(int n, int shift) => (n * 7919 % 4000 / 8.0) + shift;

    private static bool IsError(int n) => n % 101 == 0;

    private static bool HasLabel(int n) => n % 3 != 2 && !IsError(n);

    private EventBatch PredictionBatch(int index, int first, int count)
    {
        var ids = new List<string>(count);
        var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartArray();
            for (var n = first; n < first + count; n++)
            {
                var id = $"e{n}";
                ids.Add(id);
                var window = n / _perWindow;
                var at = Start.AddHours(window).AddSeconds(n % _perWindow * 3600 / _perWindow);
                var latency = 5 + (n * 13 % 200);
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteString("timestamp", at);
                w.WriteString("version", n % 7 == 0 ? "v2" : "v1");
                w.WriteString("variant", n % 2 == 0 ? "a" : "b");
                w.WriteStartObject("features");
                w.WriteNumber("x", X(n, window % 3 == 2 ? 40 : 0));
                w.WriteString("region", Region(n));
                w.WriteEndObject();
                if (IsError(n))
                {
                    w.WriteString("error", "timeout");
                }
                else
                {
                    w.WriteString("prediction", Score(n) >= 0.5 ? "yes" : "no");
                    w.WriteNumber("score", Score(n));
                }

                w.WriteNumber("latency_ms", latency);
                w.WriteStartObject("stages");
                w.WriteNumber("forward", latency / 2);
                w.WriteNumber("io", 2 + (n % 5));
                w.WriteEndObject();
                w.WriteStartObject("segments");
                w.WriteString("region", Region(n));
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return new EventBatch(index, false, ids, stream.ToArray());
    }

    private EventBatch LabelBatch(int index, int first, int count)
    {
        var ids = new List<string>();
        var body = new StringBuilder("[");
        for (var n = first; n < first + count; n++)
        {
            if (!HasLabel(n))
            {
                continue;
            }

            var id = $"e{n}";
            ids.Add(id);
            var label = (n * 17 % 64) / 64.0 < Score(n) ? "yes" : "no";
            var at = Start.AddHours((n / _perWindow) + 1).UtcDateTime;
            body.Append(ids.Count == 1 ? "" : ",").Append(CultureInfo.InvariantCulture, $$"""{"id":"{{id}}","label":"{{label}}","timestamp":"{{at:yyyy-MM-ddTHH:mm:ssZ}}"}""");
        }

        return new EventBatch(index, true, ids, Encoding.UTF8.GetBytes(body.Append(']').ToString()));
    }
}
