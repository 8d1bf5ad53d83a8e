using BenchmarkDotNet.Attributes;
using Vigil.Statistics.Drift;
using Vigil.Statistics.Profiles;

namespace Vigil.Benchmarks;

/// <summary>
/// Profiling throughput (cell updates per second per core = N / mean time), merging, and drift between
/// two stored 1,000-feature profiles.
/// Run: dotnet run -c Release --project bench/Vigil.Benchmarks -- --filter '*ProfileBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ProfileBenchmarks
{
    private const int Features = 1000;
    private double[] _values = [];
    private ColumnProfile _a = null!;
    private ColumnProfile _b = null!;
    private DatasetProfile _reference = null!;
    private DatasetProfile _current = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        _values = Data.Normal(random, 1_000_000, 50, 10);
        _a = Build(_values);
        _b = Build(Data.Normal(random, 1_000_000, 51, 10));
        _reference = Dataset(random, 0);
        _current = Dataset(random, 0.05);
    }

    /// <summary>One numeric column, 1,000,000 cells (exact mode for the first 4,096, sketches after).</summary>
    [Benchmark(OperationsPerInvoke = 1_000_000)]
    public long ProfileNumericCell() => Build(_values).Count;

    [Benchmark]
    public long MergeNumericColumns()
    {
        var merged = _a.Clone();
        merged.Merge(_b);
        return merged.Count;
    }

    [Benchmark]
    public int DriftBetween1000FeatureProfiles() =>
        DatasetProfileDrift.Analyze(_reference, _current, new DriftOptions()).Report.DriftedColumns;

    [Benchmark]
    public int Read1000FeatureProfile() => ProfileFormat.Read(ProfileFormat.ToBytes(_reference)).Columns.Count;

    private static ColumnProfile Build(double[] values)
    {
        var p = ColumnProfile.Numerical("x");
        foreach (var v in values)
        {
            p.Add(v);
        }

        return p;
    }

    private static DatasetProfile Dataset(Random random, double shift)
    {
        var columns = new List<ColumnProfile>(Features);
        for (var f = 0; f < Features; f++)
        {
            var p = ColumnProfile.Numerical($"f{f}");
            for (var i = 0; i < 20_000; i++)
            {
                p.Add((random.NextDouble() * 10) + (f % 10 == 0 ? shift * 10 : 0));
            }

            columns.Add(p);
        }

        return new DatasetProfile(columns, 20_000);
    }
}
