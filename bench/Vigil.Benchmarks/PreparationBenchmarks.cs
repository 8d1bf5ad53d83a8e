using BenchmarkDotNet.Attributes;
using Vigil.Statistics.Drift;

namespace Vigil.Benchmarks;

/// <summary>
/// The per-column preparation every report pays once: dropping NaN and sorting, and Evidently's binning.
/// Run: dotnet run -c Release --project bench/Vigil.Benchmarks -- --filter '*PreparationBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class PreparationBenchmarks
{
    private double[] _reference = [];
    private double[] _current = [];
    private SortedSample _sortedReference = null!;
    private SortedSample _sortedCurrent = null!;

    [Params(1_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _reference = Data.Normal(random, N, 0, 1);
        _current = Data.Normal(random, N, 0.1, 1.1);
        _sortedReference = SortedSample.FromUnsorted(_reference);
        _sortedCurrent = SortedSample.FromUnsorted(_current);
    }

    [Benchmark]
    public int Sort() => SortedSample.FromUnsorted(_reference).Count;

    [Benchmark]
    public int EvidentlyBins() => EvidentlyBinning.Bin(_sortedReference, _sortedCurrent).BinCount;
}
