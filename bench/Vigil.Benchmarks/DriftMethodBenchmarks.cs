using BenchmarkDotNet.Attributes;
using Vigil.Statistics.Drift;

namespace Vigil.Benchmarks;

/// <summary>
/// Each drift method on prepared (sorted / binned) columns of 1e3, 1e5 and 1e6 values, reference
/// normal(0, 1) vs current normal(0.1, 1.1). Preparation (sorting) is measured separately in
/// <see cref="PreparationBenchmarks"/>, since a report sorts each column once for all methods.
/// <c>tvd</c> is left out: its score is Evidently's 1,000-permutation p-value, O(1000 n) (3 s at 1e5 values;
/// see BinningBenchmarks for its cost at 1e4).
/// Run: dotnet run -c Release --project bench/Vigil.Benchmarks -- --filter '*DriftMethodBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class DriftMethodBenchmarks
{
    private DriftColumnInput _numerical = null!;
    private DriftColumnInput _categorical = null!;
    private DriftColumnInput _binary = null!;

    [Params(1_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [ParamsAllValues]
    public Method Name { get; set; }

#pragma warning disable CA1707, SA1300 // enum members spelled as the CLI's method names
    public enum Method
    {
        ks, wasserstein, psi, jensenshannon, kl_div, hellinger, anderson, cramer_von_mises, mannw, t_test, welch_t_test, energy,
        chisquare, z, fisher_exact, g_test,
    }
#pragma warning restore CA1707, SA1300

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _numerical = DriftColumnInput.Numerical(
            SortedSample.FromUnsorted(Data.Normal(random, N, 0, 1)),
            SortedSample.FromUnsorted(Data.Normal(random, N, 0.1, 1.1)));
        _categorical = DriftColumnInput.Categorical(Data.Categories(random, N, 12));
        _binary = DriftColumnInput.Categorical(Data.Categories(random, N, 2));
        _ = _numerical.Binned; // binning is part of preparation, shared by PSI, JS, KL, Hellinger
    }

    [Benchmark]
    public DriftTestResult Evaluate()
    {
        var method = DriftMethods.Get(Name.ToString());
        var input = method.SupportsNumerical ? _numerical : Name is Method.z or Method.fisher_exact ? _binary : _categorical;
        return method.Evaluate(input);
    }
}
