namespace Vigil.Statistics.Evaluation;

/// <summary>
/// Accuracy, precision, recall and F1 from a confusion matrix, as sklearn 1.2.1's
/// <c>precision_recall_fscore_support</c> computes them.
/// </summary>
/// <remarks>
/// Per label: precision = tp / predicted, recall = tp / true, F1 = 2 P R / (P + R); a zero denominator gives 0
/// (sklearn's <c>zero_division="warn"</c> returns 0 after warning). Macro = unweighted mean over the labels,
/// weighted = mean weighted by the true count (support), micro = the same formulas on the summed counts.
/// </remarks>
internal sealed class CountMetrics
{
    private readonly long[] _truePositives;
    private readonly long[] _predicted;
    private readonly long[] _true;
    private readonly long _total;

    /// <summary>Reads the per-label counts of <paramref name="confusion"/> (rows expected, columns predicted).</summary>
    public CountMetrics(long[,] confusion)
    {
        var labels = confusion.GetLength(0);
        _truePositives = new long[labels];
        _predicted = new long[labels];
        _true = new long[labels];
        for (var e = 0; e < labels; e++)
        {
            for (var p = 0; p < labels; p++)
            {
                var count = confusion[e, p];
                _true[e] += count;
                _predicted[p] += count;
                _total += count;
            }

            _truePositives[e] = confusion[e, e];
        }
    }

    /// <summary>Share of rows whose prediction equals the expected label.</summary>
    public double Accuracy()
    {
        long correct = 0;
        foreach (var tp in _truePositives)
        {
            correct += tp;
        }

        return (double)correct / _total;
    }

    /// <summary>Precision, recall and F1 of one label; a label index of -1 (absent label) gives zeros.</summary>
    public (double Precision, double Recall, double F1) ForLabel(int label) =>
        label < 0 ? (0, 0, 0) : Scores(_truePositives[label], _predicted[label], _true[label]);

    /// <summary>Unweighted means of the per-label precision, recall and F1.</summary>
    public (double Precision, double Recall, double F1) Macro()
    {
        double precision = 0, recall = 0, f1 = 0;
        for (var i = 0; i < _truePositives.Length; i++)
        {
            var s = Scores(_truePositives[i], _predicted[i], _true[i]);
            precision += s.Precision;
            recall += s.Recall;
            f1 += s.F1;
        }

        var labels = _truePositives.Length;
        return (precision / labels, recall / labels, f1 / labels);
    }

    /// <summary>Mean of the per-label F1 weighted by each label's true count.</summary>
    public double WeightedF1()
    {
        double sum = 0;
        long weight = 0;
        for (var i = 0; i < _truePositives.Length; i++)
        {
            sum += Scores(_truePositives[i], _predicted[i], _true[i]).F1 * _true[i];
            weight += _true[i];
        }

        return weight == 0 ? 0 : sum / weight;
    }

    /// <summary>F1 of the summed counts (equals accuracy up to rounding for single-label rows).</summary>
    public double MicroF1()
    {
        long tp = 0;
        foreach (var t in _truePositives)
        {
            tp += t;
        }

        return Scores(tp, _total, _total).F1;
    }

    private static (double Precision, double Recall, double F1) Scores(long tp, long predicted, long truth)
    {
        var precision = predicted == 0 ? 0 : (double)tp / predicted;
        var recall = truth == 0 ? 0 : (double)tp / truth;
        var denominator = precision + recall;
        var f1 = denominator == 0 ? 0 : 2 * precision * recall / denominator;
        return (precision, recall, f1);
    }
}
