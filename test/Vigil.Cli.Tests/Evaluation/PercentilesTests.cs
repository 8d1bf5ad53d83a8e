using Vigil.Statistics;
using Vigil.Cli.Evaluation;

namespace Vigil.Cli.Tests.Evaluation;

public sealed class PercentilesTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Linear_MatchesNumpyPercentile()
    {
        var reference = EvalReference.Root.GetProperty("percentiles");
        var sorted = EvalReference.Doubles(reference.GetProperty("values"));
        Array.Sort(sorted);
        var qs = EvalReference.Doubles(reference.GetProperty("q"));
        var expected = EvalReference.Doubles(reference.GetProperty("expected"));
        for (var i = 0; i < qs.Length; i++)
        {
            Assert.Equal(expected[i], Percentiles.Linear(sorted, qs[i]), Tolerance);
        }
    }

    [Fact]
    public void LatencySummary_TwoValues_MatchesNumpy()
    {
        var reference = EvalReference.Root.GetProperty("percentiles_small");
        var summary = LatencySummary.Of(EvalReference.Doubles(reference.GetProperty("values")))!;
        Assert.Equal(reference.GetProperty("p50").GetDouble(), summary.P50, Tolerance);
        Assert.Equal(reference.GetProperty("p95").GetDouble(), summary.P95, Tolerance);
        Assert.Equal(2, summary.Count);
        Assert.Null(LatencySummary.Of([]));
    }
}
