using BenchmarkDotNet.Attributes;
using Vigil.Statistics.Drift;

namespace Vigil.Benchmarks;

/// <summary>
/// Evidently's binning on 1e6 sorted values per side (one walk over values and edges), and the TVD test with
/// Evidently's 1000 seeded permutations on 10,000 rows.
/// Run: dotnet run -c Release --project bench/Vigil.Benchmarks -- --filter '*BinningBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class BinningBenchmarks
{
    private const int N = 1_000_000;
    private SortedSample _reference = null!;
    private SortedSample _current = null!;
    private double[] _edges = [];
    private BinnedCounts _categories = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        var reference = new double[N];
        var current = new double[N];
        for (var i = 0; i < N; i++)
        {
            reference[i] = random.NextDouble() * 100;
            current[i] = (random.NextDouble() * 110) - 5;
        }

        _reference = SortedSample.FromUnsorted(reference);
        _current = SortedSample.FromUnsorted(current);
        _edges = EvidentlyBinning.SturgesEdges(-5, 105, 2 * N);
        _categories = new BinnedCounts([3000, 1500, 500], [2500, 1800, 700]);
    }

    /// <summary>numpy.histogram counts of 1e6 sorted values over 22 Sturges edges.</summary>
    [Benchmark]
    public double[] HistogramCounts() => EvidentlyBinning.HistogramCounts(_reference.Values, _edges);

    /// <summary>Edges over both sides and both sides' counts (2e6 values).</summary>
    [Benchmark]
    public BinnedCounts Bin() => EvidentlyBinning.Bin(_reference, _current);

    /// <summary>TVD with its permutation p-value: 1000 shuffles of 10,000 rows.</summary>
    [Benchmark]
    public double? TotalVariationTest() => TotalVariation.Test(_categories).PValue;
}
