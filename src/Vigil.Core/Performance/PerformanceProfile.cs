using Vigil.Statistics.Sketches;

namespace Vigil.Core.Performance;

/// <summary>
/// Mergeable sufficient statistics of realized model quality over labelled predictions: a confusion matrix, score
/// histograms and the log-loss sum for classification; error sums for regression.
/// </summary>
/// <remarks>
/// Metrics follow scikit-learn 1.2: accuracy, precision, recall and F1 of the positive class (binary) or their
/// unweighted means over classes (multiclass; a class with no predicted or no true rows scores 0, as sklearn's
/// zero_division default after its warning); ROC AUC of the positive class (binary) or one-vs-rest macro
/// (multiclass) from <see cref="ScoreHistogram"/>s; log loss with probabilities clipped to [eps, 1 - eps] (eps = 2.2e-16, sklearn 1.2's default) and
/// renormalised; MAE, RMSE, MAPE (|y - p| / max(|y|, eps)) and R2.
/// </remarks>
public sealed class PerformanceProfile
{
    private const double Epsilon = 2.220446049250313e-16; // np.finfo(float64).eps: sklearn 1.2's log_loss default
    private readonly long[] _confusion;
    private readonly ScoreHistogram[] _positives;
    private readonly ScoreHistogram[] _negatives;

    /// <summary>A profile for <paramref name="classes"/> classes (0 for regression).</summary>
    public PerformanceProfile(int classes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(classes);
        Classes = classes;
        _confusion = new long[classes * classes];
        _positives = new ScoreHistogram[classes];
        _negatives = new ScoreHistogram[classes];
        for (var i = 0; i < classes; i++)
        {
            _positives[i] = new ScoreHistogram();
            _negatives[i] = new ScoreHistogram();
        }
    }

    /// <summary>Number of classes (0 for regression).</summary>
    public int Classes { get; }

    /// <summary>Labelled predictions counted.</summary>
    public long Count { get; private set; }

    /// <summary>Sum of per-row log losses (exact, so profiles merged in any order hold the same value).</summary>
    public double LogLossSum => Total(LogLoss);

    /// <summary>Rows with probabilities or a score (log loss denominator).</summary>
    public long LogLossCount { get; private set; }

    /// <summary>Regression sums: |e|, e², |e| / max(|y|, eps), y, y² (each exact, rounded once when read).</summary>
    public (double Abs, double Squared, double AbsPercent, double Truth, double TruthSquared) Sums =>
        (Total(Abs), Total(Squared), Total(AbsPercent), Total(Truth), Total(TruthSquared));

    // Indexes of the exact sums.
    private const int LogLoss = 0, Abs = 1, Squared = 2, AbsPercent = 3, Truth = 4, TruthSquared = 5, SumCount = 6;

    // Exact (order-independent) sums, so that the same rows give the same bits however windows were split, merged and
    // compacted; a sum that met a non-finite term is +/-infinity or NaN from then on.
    private readonly ExactSum[] _sums = [new(), new(), new(), new(), new(), new()];
    private readonly double[] _nonFinite = new double[SumCount];
    private int _sinceCarry;

    /// <summary>Confusion count of true class <paramref name="truth"/> predicted as <paramref name="predicted"/>.</summary>
    public long Confusion(int truth, int predicted) => _confusion[(truth * Classes) + predicted];

    /// <summary>
    /// Adds a labelled classification row. <paramref name="probabilities"/> (per class, may hold NaN for classes not
    /// given) or, for binary models, <paramref name="score"/> = P(positive) feed AUC and log loss when present.
    /// </summary>
    public void AddClassification(int truth, int predicted, double score, double[]? probabilities)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(truth);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(truth, Classes);
        ArgumentOutOfRangeException.ThrowIfNegative(predicted);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(predicted, Classes);
        Count++;
        _confusion[(truth * Classes) + predicted]++;
        if (Classes == 2 && double.IsNaN(score) && probabilities is { } p2 && !double.IsNaN(p2[1]))
        {
            score = p2[1];
        }

        if (Classes == 2 && !double.IsNaN(score))
        {
            (truth == 1 ? _positives[1] : _negatives[1]).Add(score);
            var pTrue = truth == 1 ? score : 1 - score;
            AddTerm(LogLoss, -Math.Log(Math.Clamp(pTrue, Epsilon, 1 - Epsilon) / ClippedSum(score, 1 - score)));
            RowAdded();
            LogLossCount++;
            return;
        }

        if (probabilities is null)
        {
            return;
        }

        double sum = 0;
        for (var c = 0; c < Classes; c++)
        {
            var p = double.IsNaN(probabilities[c]) ? 0 : probabilities[c];
            (c == truth ? _positives[c] : _negatives[c]).Add(p);
            sum += Math.Clamp(p, Epsilon, 1 - Epsilon);
        }

        var t = double.IsNaN(probabilities[truth]) ? 0 : probabilities[truth];
        AddTerm(LogLoss, -Math.Log(Math.Clamp(t, Epsilon, 1 - Epsilon) / sum));
        RowAdded();
        LogLossCount++;
    }

    /// <summary>Adds a labelled regression row.</summary>
    public void AddRegression(double truth, double predicted)
    {
        if (!double.IsFinite(truth) || !double.IsFinite(predicted))
        {
            return;
        }

        Count++;
        var e = Math.Abs(truth - predicted);
        AddTerm(Abs, e);
        AddTerm(Squared, e * e);
        AddTerm(AbsPercent, e / Math.Max(Math.Abs(truth), Epsilon));
        AddTerm(Truth, truth);
        AddTerm(TruthSquared, truth * truth);
        RowAdded();
    }

    private void AddTerm(int i, double term)
    {
        if (double.IsFinite(term))
        {
            _sums[i].Add(term);
        }
        else
        {
            _nonFinite[i] += term;
        }
    }

    // Each row adds at most one term to each sum: propagate the carries before ExactSum's limit.
    private void RowAdded()
    {
        if (++_sinceCarry >= ExactSum.CarryInterval)
        {
            foreach (var sum in _sums)
            {
                sum.PropagateCarries();
            }

            _sinceCarry = 0;
        }
    }

    private double Total(int i) => _nonFinite[i] != 0 ? _nonFinite[i] : _sums[i].Value; // NaN != 0 too

    /// <summary>Adds <paramref name="other"/>'s counts (same number of classes).</summary>
    public void Merge(PerformanceProfile other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Classes != Classes)
        {
            throw new ArgumentException($"cannot merge a {other.Classes}-class performance profile into a {Classes}-class one.", nameof(other));
        }

        Count += other.Count;
        for (var i = 0; i < _confusion.Length; i++)
        {
            _confusion[i] += other._confusion[i];
        }

        for (var c = 0; c < Classes; c++)
        {
            _positives[c].Merge(other._positives[c]);
            _negatives[c].Merge(other._negatives[c]);
        }

        LogLossCount += other.LogLossCount;
        for (var i = 0; i < SumCount; i++)
        {
            _sums[i].Add(other._sums[i]);
            _nonFinite[i] += other._nonFinite[i];
        }
    }

    /// <summary>The metrics (names as the evaluation API: accuracy, precision, recall, f1, roc_auc, log_loss; mae, rmse, mape, r2); a metric without data is left out.</summary>
    public Dictionary<string, double> Metrics()
    {
        var m = new Dictionary<string, double>(StringComparer.Ordinal);
        if (Count == 0)
        {
            return m;
        }

        if (Classes == 0)
        {
            var s = Sums;
            m["mae"] = s.Abs / Count;
            m["rmse"] = Math.Sqrt(s.Squared / Count);
            m["mape"] = s.AbsPercent / Count;
            var total = s.TruthSquared - (s.Truth * s.Truth / Count);
            if (total > 0)
            {
                m["r2"] = 1 - (s.Squared / total);
            }

            return m;
        }

        long correct = 0;
        for (var c = 0; c < Classes; c++)
        {
            correct += Confusion(c, c);
        }

        m["accuracy"] = (double)correct / Count;
        if (Classes == 2)
        {
            var (p, r, f) = ClassScores(1);
            (m["precision"], m["recall"], m["f1"]) = (p, r, f);
            Put(m, "roc_auc", ScoreHistogram.Auc(_positives[1], _negatives[1]));
        }
        else
        {
            double ps = 0, rs = 0, fs = 0, aucs = 0;
            var aucClasses = 0;
            var present = 0;
            for (var c = 0; c < Classes; c++)
            {
                if (RowTotal(c) == 0 && ColumnTotal(c) == 0)
                {
                    continue; // sklearn averages over labels present in truth or prediction
                }

                present++;
                var (p, r, f) = ClassScores(c);
                (ps, rs, fs) = (ps + p, rs + r, fs + f);
                var auc = ScoreHistogram.Auc(_positives[c], _negatives[c]);
                if (!double.IsNaN(auc))
                {
                    aucs += auc;
                    aucClasses++;
                }
            }

            (m["precision"], m["recall"], m["f1"]) = (ps / present, rs / present, fs / present);
            if (aucClasses == present && present > 0)
            {
                m["roc_auc"] = aucs / aucClasses;
            }
        }

        if (LogLossCount > 0)
        {
            m["log_loss"] = LogLossSum / LogLossCount;
        }

        return m;
    }

    private (double Precision, double Recall, double F1) ClassScores(int c)
    {
        var tp = (double)Confusion(c, c);
        var predicted = ColumnTotal(c);
        var actual = RowTotal(c);
        var precision = predicted == 0 ? 0 : tp / predicted;
        var recall = actual == 0 ? 0 : tp / actual;
        var f1 = predicted + actual == 0 ? 0 : 2 * tp / (predicted + actual);
        return (precision, recall, f1);
    }

    private long RowTotal(int c)
    {
        long n = 0;
        for (var j = 0; j < Classes; j++)
        {
            n += Confusion(c, j);
        }

        return n;
    }

    private long ColumnTotal(int c)
    {
        long n = 0;
        for (var i = 0; i < Classes; i++)
        {
            n += Confusion(i, c);
        }

        return n;
    }

    private static double ClippedSum(double a, double b) =>
        Math.Clamp(a, Epsilon, 1 - Epsilon) + Math.Clamp(b, Epsilon, 1 - Epsilon);

    private static void Put(Dictionary<string, double> m, string name, double value)
    {
        if (!double.IsNaN(value))
        {
            m[name] = value;
        }
    }

    /// <summary>Writes the profile.</summary>
    public void WriteTo(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Classes);
        writer.Write(Count);
        foreach (var n in _confusion)
        {
            writer.Write(n);
        }

        for (var c = 0; c < Classes; c++)
        {
            _positives[c].WriteTo(writer);
            _negatives[c].WriteTo(writer);
        }

        writer.Write(LogLossCount);
        for (var i = 0; i < SumCount; i++)
        {
            writer.Write(_nonFinite[i]);
            _sums[i].WriteTo(writer);
        }
    }

    /// <summary>Reads what <see cref="WriteTo"/> wrote.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="formatVersion">The window profile format version: 1 stored the sums as rounded doubles, 2 exactly.</param>
    public static PerformanceProfile ReadFrom(BinaryReader reader, int formatVersion = 2)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var classes = reader.ReadInt32();
        if (classes is < 0 or > 1000)
        {
            throw new InvalidDataException($"performance profile has {classes} classes.");
        }

        var p = new PerformanceProfile(classes) { Count = reader.ReadInt64() };
        for (var i = 0; i < p._confusion.Length; i++)
        {
            p._confusion[i] = reader.ReadInt64();
        }

        for (var c = 0; c < classes; c++)
        {
            p._positives[c] = ScoreHistogram.ReadFrom(reader);
            p._negatives[c] = ScoreHistogram.ReadFrom(reader);
        }

        if (formatVersion == 1)
        {
            p.AddTerm(LogLoss, reader.ReadDouble());
            p.LogLossCount = reader.ReadInt64();
            for (var i = Abs; i < SumCount; i++)
            {
                p.AddTerm(i, reader.ReadDouble());
            }

            return p;
        }

        p.LogLossCount = reader.ReadInt64();
        for (var i = 0; i < SumCount; i++)
        {
            p._nonFinite[i] = reader.ReadDouble();
            p._sums[i] = ExactSum.ReadFrom(reader);
        }

        return p;
    }
}
