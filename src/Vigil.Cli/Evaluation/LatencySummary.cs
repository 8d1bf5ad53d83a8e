using Vigil.Statistics;
namespace Vigil.Cli.Evaluation;

/// <summary>Latency of the calls that returned an answer: count, median and 95th percentile (numpy's linear method), in milliseconds.</summary>
/// <param name="Count">Calls measured.</param>
/// <param name="P50">Median latency.</param>
/// <param name="P95">95th percentile latency.</param>
/// <param name="Max">Slowest call.</param>
internal sealed record LatencySummary(int Count, double P50, double P95, double Max)
{
    /// <summary>The summary of <paramref name="latencies"/>, or null when there are none.</summary>
    public static LatencySummary? Of(IEnumerable<double> latencies)
    {
        var sorted = latencies.ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        Array.Sort(sorted);
        return new LatencySummary(sorted.Length, Percentiles.Linear(sorted, 50), Percentiles.Linear(sorted, 95), sorted[^1]);
    }
}
