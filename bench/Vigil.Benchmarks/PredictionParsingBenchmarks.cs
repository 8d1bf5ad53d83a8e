using System.Buffers;
using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Vigil.Core.Events;
using Vigil.Core.Models;

namespace Vigil.Benchmarks;

/// <summary>
/// What <c>POST /api/v1/models/{m}/predictions</c> spends on JSON: split one 2,000-event array body into rows and
/// parse each row against the schema. The events are those of <c>bench/Vigil.IngestBench</c> (BenchModel: 20
/// numerical + 5 categorical features, a binary prediction with a score, latency with two stages, two segments;
/// about 630 bytes each), in the same field order and value kinds, from a fixed seed.
/// Run: dotnet run -c Release --project bench/Vigil.Benchmarks -- --filter '*PredictionParsingBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class PredictionParsingBenchmarks
{
    private const int Events = 2000;
    private const int Numeric = 20;
    private const int Categorical = 5;
    private static readonly string[] Regions = ["eu", "us", "apac"];
    private static readonly string[] Channels = ["web", "app"];
    private static readonly int[] Cardinalities = [3, 5, 10, 20, 50];
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private ReadOnlyMemory<byte> _body;
    private List<ReadOnlyMemory<byte>> _rows = [];
    private PredictionParser _parser = null!;

    [GlobalSetup]
    public void Setup()
    {
        var features = new List<FeatureSpec>();
        for (var i = 0; i < Numeric; i++)
        {
            features.Add(new FeatureSpec(NumericName(i), FeatureType.Numerical));
        }

        for (var i = 0; i < Categorical; i++)
        {
            features.Add(new FeatureSpec(CategoricalName(i), FeatureType.Categorical));
        }

        _parser = new PredictionParser(new ModelSchema("bench", PredictionType.Binary, features, ["no", "yes"]), TimeProvider.System);
        _body = Body(new Random(42));
        _rows = JsonBatch.Split(_body, out var error) ?? throw new InvalidOperationException(error);
        if (_rows.Count != Events || SplitAndParse() != Events)
        {
            throw new InvalidOperationException($"expected {Events} valid events, got {_rows.Count} rows.");
        }
    }

    /// <summary>Split the body, then parse every row (what the ingest route does before storing).</summary>
    [Benchmark(Baseline = true)]
    public int SplitAndParse()
    {
        var rows = JsonBatch.Split(_body, out _)!;
        var accepted = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            if (_parser.Parse(rows[i], i, out _) is not null)
            {
                accepted++;
            }
        }

        return accepted;
    }

    /// <summary>Splitting alone.</summary>
    [Benchmark]
    public int Split() => JsonBatch.Split(_body, out _)!.Count;

    /// <summary>Parsing alone, of rows split beforehand.</summary>
    [Benchmark]
    public int Parse()
    {
        var accepted = 0;
        for (var i = 0; i < _rows.Count; i++)
        {
            if (_parser.Parse(_rows[i], i, out _) is not null)
            {
                accepted++;
            }
        }

        return accepted;
    }

    private static string NumericName(int i) => "num_" + i.ToString("D2", CultureInfo.InvariantCulture);

    private static string CategoricalName(int i) => "cat_" + i.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>The array body, written as BenchModel.WriteEvent writes it (ids as BatchTemplates fills them).</summary>
    private static byte[] Body(Random rng)
    {
        var buffer = new ArrayBufferWriter<byte>(Events * 700);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            for (var e = 0; e < Events; e++)
            {
                var timestamp = Start - TimeSpan.FromMilliseconds(rng.Next(60_000));
                w.WriteStartObject();
                w.WriteString("id", "e" + (100_000_000_000_000 + e).ToString(CultureInfo.InvariantCulture));
                w.WriteString("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
                w.WriteString("version", "v1");
                w.WriteStartObject("features");
                for (var i = 0; i < Numeric; i++)
                {
                    w.WriteNumber(NumericName(i), Math.Round((i * 1.5) + ((1 + (i % 4)) * Normal(rng)), 4));
                }

                for (var i = 0; i < Categorical; i++)
                {
                    w.WriteString(CategoricalName(i), "c" + rng.Next(Cardinalities[i % Cardinalities.Length]).ToString(CultureInfo.InvariantCulture));
                }

                w.WriteEndObject();
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

            w.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
