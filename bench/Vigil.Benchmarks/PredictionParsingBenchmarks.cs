using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Vigil.Core.Events;
using Vigil.Core.Models;
using Vigil.IngestBench;

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
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly BenchModel Model = new(20, 5);
    private ReadOnlyMemory<byte> _body;
    private List<ReadOnlyMemory<byte>> _rows = [];
    private PredictionParser _parser = null!;

    [GlobalSetup]
    public void Setup()
    {
        var schema = ModelSchemaJson.Deserialize(Encoding.UTF8.GetString(Model.SchemaJson())) with { Name = "bench" };
        _parser = new PredictionParser(schema, TimeProvider.System);
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

    /// <summary>The array body, written by BenchModel.WriteEvent (ids as BatchTemplates fills them).</summary>
    private static byte[] Body(Random rng)
    {
        var buffer = new ArrayBufferWriter<byte>(Events * 700);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            for (var e = 0; e < Events; e++)
            {
                var id = "e" + (100_000_000_000_000 + e).ToString(CultureInfo.InvariantCulture);
                Model.WriteEvent(w, id, Start - TimeSpan.FromMilliseconds(rng.Next(60_000)), rng, 0);
            }

            w.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
