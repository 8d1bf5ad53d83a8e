namespace Vigil.Statistics.Evaluation;

/// <summary>ROC AUC and average precision of scores against binary truth, as sklearn 1.2.1 computes them.</summary>
/// <remarks>
/// Rows are sorted by score descending and tied scores form one threshold (sklearn's <c>_binary_clf_curve</c>).
/// ROC AUC = trapezoidal area under (FPR, TPR) through those thresholds (<c>roc_auc_score</c>: ties count one half);
/// computed from integer counts, <c>sum (fp_j - fp_(j-1)) (tp_j + tp_(j-1)) / (2 P N)</c>, so it is exact up to one
/// rounding. Average precision = <c>sum_j (R_j - R_(j-1)) P_j</c> (<c>average_precision_score</c>, step function,
/// no interpolation), with P_j = tp_j / (tp_j + fp_j) and R_j = tp_j / P; with no positive row sklearn sets recall to
/// 1 at every threshold, which makes it 0.
/// </remarks>
internal static class BinaryRanking
{
    /// <summary>
    /// Computes both areas; <paramref name="rocAuc"/> is NaN when all rows are of one class (sklearn raises).
    /// </summary>
    public static void Evaluate(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive, out double rocAuc, out double averagePrecision)
    {
        var n = scores.Length;
        var keys = scores.ToArray();
        var flags = positive.ToArray();
        Array.Sort(keys, flags);

        long totalPositive = 0;
        foreach (var f in flags)
        {
            totalPositive += f ? 1 : 0;
        }

        long totalNegative = n - totalPositive;
        long tp = 0, fp = 0, previousTp = 0, previousFp = 0, doubleArea = 0;
        double precisionSum = 0, previousRecall = 0;
        var i = n - 1;
        while (i >= 0)
        {
            var threshold = keys[i];
            while (i >= 0 && keys[i] == threshold)
            {
                if (flags[i])
                {
                    tp++;
                }
                else
                {
                    fp++;
                }

                i--;
            }

            doubleArea += (fp - previousFp) * (tp + previousTp);
            if (totalPositive > 0)
            {
                var recall = (double)tp / totalPositive;
                precisionSum += (recall - previousRecall) * ((double)tp / (tp + fp));
                previousRecall = recall;
            }

            previousTp = tp;
            previousFp = fp;
        }

        rocAuc = totalPositive == 0 || totalNegative == 0
            ? double.NaN
            : doubleArea / (2.0 * totalPositive * totalNegative);
        averagePrecision = precisionSum;
    }
}
