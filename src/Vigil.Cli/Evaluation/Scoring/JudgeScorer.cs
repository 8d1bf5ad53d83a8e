using System.Globalization;
using Vigil.Statistics.Evaluation;

namespace Vigil.Cli.Evaluation.Scoring;

/// <summary>
/// Judge metrics over the items the judge scored. Single mode: <c>judge_score</c> (mean score) and <c>pass_rate</c>
/// (score at least the pass threshold; an item without a prediction or without a parsed score does not pass).
/// Pairwise: <c>win_rate</c> (mean preference for A, both orders averaged: wins 1, ties 0.5) and
/// <c>position_consistency</c> (share of items where both orders agree). Both: <c>judge_coverage</c> (items with a
/// parsed verdict / items with a prediction) and <c>judge_kappa</c>, Cohen's kappa (<see cref="Agreement"/>) between
/// the human labels and the judge's labels (the score as text, or pairwise <c>A</c>/<c>B</c>/<c>tie</c> from the
/// averaged preference) over items with both, omitted when undefined.
/// </summary>
internal sealed class JudgeScorer : TaskScorer
{
    private readonly ScoringOptions _options;
    private readonly string?[] _human;

    public JudgeScorer(IReadOnlyList<EvalItem> items, ScoringOptions options)
        : base(items)
    {
        _options = options;
        _human = items.Select(i => i.Golden.HumanLabel is { } h ? NormalizeHuman(h, options.Pairwise) : null).ToArray();
    }

    /// <inheritdoc/>
    public override EvalTask Task => EvalTask.Judge;

    /// <inheritdoc/>
    public override bool HasPassRate => !_options.Pairwise;

    /// <summary>The judge's label of a verdict score, as compared with human labels.</summary>
    public static string JudgeLabel(double score, bool pairwise) => pairwise ? (score > 0.5 ? "A" : score < 0.5 ? "B" : "tie") : Labels.OfNumber(score);

    /// <inheritdoc/>
    public override bool? Passes(int index) => _options.Pairwise ? null : Items[index].HasPrediction && Items[index].Judge?.Score >= _options.JudgePass;

    /// <inheritdoc/>
    protected override Dictionary<string, double> ComputeScored(ReadOnlySpan<int> scored)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        double sum = 0;
        int judged = 0, consistent = 0;
        var human = new List<string>();
        var judge = new List<string>();
        foreach (var i in scored)
        {
            var verdict = Items[i].Judge;
            if (verdict?.Score is not { } score)
            {
                continue;
            }

            judged++;
            sum += score;
            consistent += verdict.Consistent == true ? 1 : 0;
            if (_human[i] is { } h)
            {
                human.Add(h);
                judge.Add(JudgeLabel(score, _options.Pairwise));
            }
        }

        metrics["judge_coverage"] = (double)judged / scored.Length;
        if (judged > 0)
        {
            metrics[_options.Pairwise ? "win_rate" : "judge_score"] = sum / judged;
            if (_options.Pairwise)
            {
                metrics["position_consistency"] = (double)consistent / judged;
            }
        }

        if (human.Count > 0)
        {
            var kappa = Agreement.CohensKappa(human, judge, _options.KappaWeighting, KappaLabels(human, judge));
            if (double.IsFinite(kappa))
            {
                metrics["judge_kappa"] = kappa;
            }
        }

        return metrics;
    }

    // Ordinal scales: numeric labels in numeric order (weighted kappa depends on it); pairwise: A, tie, B.
    private IReadOnlyList<string>? KappaLabels(List<string> human, List<string> judge)
    {
        if (_options.Pairwise)
        {
            return ["A", "tie", "B"];
        }

        var all = human.Concat(judge).Distinct(StringComparer.Ordinal).ToList();
        return all.All(l => double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            ? all.OrderBy(l => double.Parse(l, CultureInfo.InvariantCulture)).ToList()
            : null;
    }

    private static string NormalizeHuman(string label, bool pairwise)
    {
        var text = label.Trim();
        if (pairwise)
        {
            return text.ToUpperInvariant() switch
            {
                "A" => "A",
                "B" => "B",
                "TIE" => "tie",
                _ => text,
            };
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? Labels.OfNumber(value) : text;
    }
}
