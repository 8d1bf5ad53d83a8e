using Vigil.Statistics;
using Vigil.Cli.Evaluation.Scoring;

namespace Vigil.Cli.Evaluation.Gates;

/// <summary>
/// Paired bootstrap of metric deltas between two runs on the same items (Efron and Tibshirani, 1993, ch. 13;
/// Koehn, 2004, "Statistical significance tests for machine translation evaluation").
/// Scorers must be safe to call from several threads (they only read their items).
/// </summary>
/// <remarks>
/// The two scorers hold the same items in the same order (item i of each is the same golden id). Each resample
/// draws n indices uniformly with replacement from its own <see cref="Random"/> (seeded in turn from one seeded with
/// the given seed, so resamples run in parallel with a result independent of scheduling), computes every
/// metric on both runs over those same indices and keeps delta = current - baseline. A resample in which a metric
/// cannot be computed on either run (e.g. ROC AUC with one class) is skipped for that metric. The interval is the
/// percentile interval: the (1 - c)/2 and (1 + c)/2 quantiles of the kept deltas, by numpy's linear method.
/// Deterministic for a given seed, item order and resample count.
/// </remarks>
internal static class PairedBootstrap
{
    /// <summary>Confidence of the intervals.</summary>
    public const double Confidence = 0.95;

    public static Dictionary<string, BootstrapInterval> DeltaIntervals(TaskScorer current, TaskScorer baseline, IReadOnlyCollection<string> metrics, int resamples, int seed)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resamples);
        var n = current.Items.Count;
        if (n == 0 || baseline.Items.Count != n)
        {
            throw new ArgumentException("the runs must hold the same, non-empty list of items.", nameof(baseline));
        }

        // One seed per resample, drawn in order from the run's seed: resamples then run in parallel and the result
        // does not depend on scheduling.
        var master = new Random(seed);
        var seeds = new int[resamples];
        for (var b = 0; b < resamples; b++)
        {
            seeds[b] = master.Next();
        }

        var names = metrics.Distinct(StringComparer.Ordinal).ToArray();
        var samples = new double[names.Length][];
        for (var m = 0; m < names.Length; m++)
        {
            samples[m] = new double[resamples];
        }

        Parallel.For(
            0,
            resamples,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => new int[n],
            (b, _, indices) =>
            {
                var random = new Random(seeds[b]);
                for (var i = 0; i < n; i++)
                {
                    indices[i] = random.Next(n);
                }

                var c = current.Compute(indices);
                var p = baseline.Compute(indices);
                for (var m = 0; m < names.Length; m++)
                {
                    samples[m][b] = c.TryGetValue(names[m], out var cv) && p.TryGetValue(names[m], out var pv) && double.IsFinite(cv) && double.IsFinite(pv)
                        ? cv - pv
                        : double.NaN;
                }

                return indices;
            },
            _ => { });

        var deltas = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        for (var m = 0; m < names.Length; m++)
        {
            deltas[names[m]] = samples[m].Where(double.IsFinite).ToList();
        }

        var intervals = new Dictionary<string, BootstrapInterval>(StringComparer.Ordinal);
        foreach (var (metric, list) in deltas)
        {
            if (list.Count == 0)
            {
                continue;
            }

            var sorted = list.ToArray();
            Array.Sort(sorted);
            var tail = (1 - Confidence) / 2 * 100;
            intervals[metric] = new BootstrapInterval(Percentiles.Linear(sorted, tail), Percentiles.Linear(sorted, 100 - tail), sorted.Length);
        }

        return intervals;
    }
}
