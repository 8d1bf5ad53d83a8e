using System.Globalization;
using Vigil.Cli.Data;
using Vigil.Cli.Evaluation.Reports;
using Vigil.Cli.Evaluation.Scoring;

namespace Vigil.Cli.Evaluation.Gates;

/// <summary>
/// Evaluates gates. Absolute gates compare the metric with the threshold. Relative gates compare
/// delta = metric(current) - metric(baseline), both over the item ids the runs share, with the allowed delta d
/// (the change, or change% of |baseline value|). With a bootstrap (resamples &gt; 0), a gate requiring
/// delta &gt;= d fails only when the whole 95% interval lies below d (upper bound &lt; d; for &gt;: &lt;= d), and one
/// requiring delta &lt;= d only when it lies above d (lower bound &gt; d; for &lt;: &gt;= d): a drop the interval
/// cannot tell from noise passes. Without a bootstrap the point delta decides.
/// </summary>
internal sealed class GateEvaluator(Func<IReadOnlyList<EvalItem>, TaskScorer> scorerFactory, int resamples, int seed)
{
    private readonly Func<IReadOnlyList<EvalItem>, TaskScorer> _factory = scorerFactory;
    private readonly int _resamples = resamples;
    private readonly int _seed = seed;

    /// <summary>The result of each gate, in order. Throws <see cref="UsageException"/> or <see cref="InputException"/> for a gate that cannot be evaluated.</summary>
    public List<GateResult> Evaluate(IReadOnlyList<GateRule> gates, TaskScorer current, IReadOnlyDictionary<string, double> metrics, BaselineRun? baseline)
    {
        foreach (var gate in gates)
        {
            if (!metrics.ContainsKey(gate.Metric))
            {
                throw new UsageException($"gate '{gate}': metric '{gate.Metric}' was not computed for this run; available: {string.Join(", ", metrics.Keys.Order(StringComparer.Ordinal))}.");
            }

            if (gate.RelativeToBaseline && baseline is null)
            {
                throw new UsageException($"gate '{gate}' compares with a baseline: give --baseline RESULT.json (a previous --format json output).");
            }
        }

        var relative = gates.Where(g => g.RelativeToBaseline).ToList();
        Dictionary<string, double>? commonCurrent = null, commonBaseline = null;
        Dictionary<string, BootstrapInterval>? intervals = null;
        if (relative.Count > 0)
        {
            (commonCurrent, commonBaseline, intervals) = Compare(relative, current, baseline!);
        }

        var results = new List<GateResult>(gates.Count);
        foreach (var gate in gates)
        {
            var value = metrics[gate.Metric];
            if (!gate.RelativeToBaseline)
            {
                var passed = gate.Satisfies(value, gate.Threshold);
                results.Add(new GateResult(gate, value, null, null, null, null, passed, $"{F(value)} {(passed ? "satisfies" : "does not satisfy")} {gate.Rule}"));
                continue;
            }

            var baselineValue = baseline!.Metrics.TryGetValue(gate.Metric, out var recorded) ? recorded
                : commonBaseline!.TryGetValue(gate.Metric, out var recomputed) ? recomputed
                : throw new InputException($"--baseline {baseline.Path}: has no metric '{gate.Metric}' (gate '{gate}').");
            if (!commonCurrent!.TryGetValue(gate.Metric, out var c) || !commonBaseline!.TryGetValue(gate.Metric, out var p))
            {
                throw new InputException($"gate '{gate}': '{gate.Metric}' cannot be computed on the items the run and the baseline {baseline.Path} share.");
            }

            var delta = c - p;
            var allowed = gate.AllowedDelta(baselineValue);
            BootstrapInterval? interval = null;
            intervals?.TryGetValue(gate.Metric, out interval);
            results.Add(Decide(gate, value, baselineValue, delta, allowed, interval));
        }

        return results;
    }

    private static GateResult Decide(GateRule gate, double value, double baseline, double delta, double allowed, BootstrapInterval? interval)
    {
        bool passed;
        string note;
        if (interval is null)
        {
            passed = gate.Satisfies(delta, allowed);
            note = $"delta {F(delta)} {(passed ? "within" : "beyond")} the allowed {F(allowed)} (no bootstrap)";
        }
        else
        {
            // Fail only when the whole interval is on the wrong side of the allowed delta.
            passed = gate.HigherIsBetter ? gate.Satisfies(interval.High, allowed) : gate.Satisfies(interval.Low, allowed);
            var ci = $"95% CI [{F(interval.Low)}, {F(interval.High)}]";
            note = passed
                ? gate.Satisfies(delta, allowed) ? $"delta {F(delta)}, {ci}, within the allowed {F(allowed)}" : $"delta {F(delta)} beyond the allowed {F(allowed)} but not significant: {ci} reaches it"
                : $"delta {F(delta)}, {ci} excludes the allowed {F(allowed)}: a significant regression";
        }

        return new GateResult(gate, value, baseline, delta, allowed, interval, passed, note);
    }

    private (Dictionary<string, double> Current, Dictionary<string, double> Baseline, Dictionary<string, BootstrapInterval>? Intervals) Compare(
        IReadOnlyList<GateRule> relative, TaskScorer current, BaselineRun baseline)
    {
        if (baseline.Items is null)
        {
            throw new InputException($"--baseline {baseline.Path}: has no per-item results ('items'); relative gates need them (a --format json output of vigil eval).");
        }

        var byId = new Dictionary<string, EvalItem>(StringComparer.Ordinal);
        foreach (var item in baseline.Items)
        {
            byId[item.Golden.Id] = item;
        }

        var aligned = new List<EvalItem>();
        var alignedBaseline = new List<EvalItem>();
        foreach (var item in current.Items)
        {
            if (byId.TryGetValue(item.Golden.Id, out var b))
            {
                aligned.Add(item);
                alignedBaseline.Add(b);
            }
        }

        if (aligned.Count == 0)
        {
            throw new InputException($"--baseline {baseline.Path}: shares no item id with the dataset.");
        }

        var c = _factory(aligned);
        var p = _factory(alignedBaseline);
        var metrics = relative.Select(g => g.Metric).Distinct(StringComparer.Ordinal).ToList();
        var intervals = _resamples > 0 ? PairedBootstrap.DeltaIntervals(c, p, metrics, _resamples, _seed) : null;
        return (c.ComputeAll(), p.ComputeAll(), intervals);
    }

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
