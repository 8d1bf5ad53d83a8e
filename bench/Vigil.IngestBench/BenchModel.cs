using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Vigil.IngestBench;

/// <summary>
/// The benchmark's model: <c>Numeric</c> numerical and <c>Categorical</c> categorical features, a binary prediction
/// with a score, latency with two stages (fetch, model) and two segments (region, channel).
/// </summary>
internal sealed class BenchModel(int numeric, int categorical)
{
    private static readonly string[] Regions = ["eu", "us", "apac"];
    private static readonly string[] Channels = ["web", "app"];
    private static readonly int[] Cardinalities = [3, 5, 10, 20, 50];

    public int Numeric { get; } = numeric;

    public int Categorical { get; } = categorical;

    public static string NumericName(int i) => "num_" + i.ToString("D2", CultureInfo.InvariantCulture);

    public static string CategoricalName(int i) => "cat_" + i.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>The schema for <c>PUT /api/v1/models/{model}</c>.</summary>
    public byte[] SchemaJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("prediction_type", "binary");
            w.WriteStartArray("classes");
            w.WriteStringValue("no");
            w.WriteStringValue("yes");
            w.WriteEndArray();
            w.WriteNumber("window_minutes", 60);
            w.WriteStartArray("features");
            for (var i = 0; i < Numeric; i++)
            {
                Feature(w, NumericName(i), "numerical");
            }

            for (var i = 0; i < Categorical; i++)
            {
                Feature(w, CategoricalName(i), "categorical");
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Writes one event. <paramref name="shift"/> in [0, 1] moves the distributions of a third of the numerical
    /// features and the first categorical one (so drift answers are not all "no drift").
    /// </summary>
    public void WriteEvent(Utf8JsonWriter w, string id, DateTimeOffset timestamp, Random rng, double shift)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        w.WriteString("version", "v1");
        w.WritePropertyName("features");
        WriteFeatures(w, rng, shift);
        var score = Math.Round(rng.NextDouble(), 4);
        w.WriteString("prediction", score >= 0.5 ? "yes" : "no");
        w.WriteNumber("score", score);
        var fetch = Math.Round(2 + (rng.NextDouble() * 8), 2);
        var model = Math.Round(5 + (-Math.Log(1 - rng.NextDouble()) * 10), 2);
        w.WriteNumber("latency_ms", Math.Round(fetch + model + 0.5, 2));
        w.WriteStartObject("stages");
        w.WriteNumber("fetch", fetch);
        w.WriteNumber("model", model);
        w.WriteEndObject();
        w.WriteStartObject("segments");
        w.WriteString("region", Regions[rng.Next(Regions.Length)]);
        w.WriteString("channel", Channels[rng.Next(Channels.Length)]);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>A flat reference row: features and the prediction.</summary>
    public void WriteReferenceRow(Utf8JsonWriter w, Random rng)
    {
        w.WriteStartObject();
        WriteFeatureProperties(w, rng, 0);
        w.WriteString("prediction", rng.NextDouble() >= 0.5 ? "yes" : "no");
        w.WriteEndObject();
    }

    private void WriteFeatures(Utf8JsonWriter w, Random rng, double shift)
    {
        w.WriteStartObject();
        WriteFeatureProperties(w, rng, shift);
        w.WriteEndObject();
    }

    private void WriteFeatureProperties(Utf8JsonWriter w, Random rng, double shift)
    {
        for (var i = 0; i < Numeric; i++)
        {
            var drift = i % 3 == 0 ? shift : 0;
            w.WriteNumber(NumericName(i), Math.Round((i * 1.5) + drift + ((1 + (i % 4)) * Normal(rng)), 4));
        }

        for (var i = 0; i < Categorical; i++)
        {
            var k = Cardinalities[i % Cardinalities.Length];
            var c = i == 0 && rng.NextDouble() < shift * 0.3 ? 0 : rng.Next(k);
            w.WriteString(CategoricalName(i), "c" + c.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void Feature(Utf8JsonWriter w, string name, string type)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("type", type);
        w.WriteEndObject();
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
