namespace Vigil.Statistics.Evaluation;

/// <summary>
/// Adds roc_auc, pr_auc, log_loss, brier and ece to a classification result from the scores or probabilities of
/// <see cref="ClassificationInput"/>; the rules are documented on <see cref="ClassificationMetrics"/>.
/// </summary>
internal static class ProbabilisticEvaluation
{
    /// <summary>Adds the metrics that the input's scores or probabilities allow, in the canonical order.</summary>
    public static void AddTo(
        Dictionary<string, double> metrics, ClassificationInput input, ReadOnlySpan<int> rows, LabelCoding coding, bool binary, string? positive)
    {
        double? rocAuc = null, prAuc = null, logLoss = null, brier = null, ece = null;
        var useScores = binary && input.PositiveScores is not null;
        var table = !useScores && input.Probabilities is { } probabilities
            ? ProbabilityTable.Build(probabilities, rows, coding)
            : null;
        var m = rows.Length;

        if (binary && positive is not null && (useScores || table is not null))
        {
            var positiveIndex = coding.IndexOf(positive);
            var isPositive = new bool[m];
            for (var i = 0; i < m; i++)
            {
                isPositive[i] = coding.Expected[i] == positiveIndex;
            }

            var scores = useScores ? ReadScores(input.PositiveScores!, rows) : table!.Column(positive);
            BinaryRanking.Evaluate(scores, isPositive, out var auc, out var ap);
            rocAuc = double.IsNaN(auc) ? null : auc;
            prAuc = ap;
            brier = ProbabilityMetrics.Brier(scores, isPositive);
            if (useScores)
            {
                logLoss = ProbabilityMetrics.LogLoss(scores, isPositive);
                var confidence = new double[m];
                var correct = new bool[m];
                for (var i = 0; i < m; i++)
                {
                    confidence[i] = coding.Predicted[i] == positiveIndex ? scores[i] : 1 - scores[i];
                    correct[i] = coding.Predicted[i] == coding.Expected[i];
                }

                ece = ProbabilityMetrics.ExpectedCalibrationError(confidence, correct, input.CalibrationBins);
            }
        }
        else if (!binary && table is not null)
        {
            brier = ProbabilityMetrics.Brier(table.Matrix, table.Classes.Length, table.Truth);
            (rocAuc, prAuc) = OneVersusRest(table);
        }

        if (table is not null && table.Classes.Length >= 2)
        {
            var k = table.Classes.Length;
            logLoss = ProbabilityMetrics.LogLoss(table.Matrix, k, table.Truth);
            var confidence = new double[m];
            var correct = new bool[m];
            for (var i = 0; i < m; i++)
            {
                confidence[i] = table.Matrix[i * k + table.Predicted[i]];
                correct[i] = coding.Predicted[i] == coding.Expected[i];
            }

            ece = ProbabilityMetrics.ExpectedCalibrationError(confidence, correct, input.CalibrationBins);
        }

        Add(metrics, "roc_auc", rocAuc);
        Add(metrics, "pr_auc", prAuc);
        Add(metrics, "log_loss", logLoss);
        Add(metrics, "brier", brier);
        Add(metrics, "ece", ece);
    }

    private static (double? RocAuc, double PrAuc) OneVersusRest(ProbabilityTable table)
    {
        var k = table.Classes.Length;
        var m = table.Truth.Length;
        var column = new double[m];
        var isClass = new bool[m];
        double aucSum = 0, apSum = 0;
        var aucDefined = true;
        for (var c = 0; c < k; c++)
        {
            for (var i = 0; i < m; i++)
            {
                column[i] = table.Matrix[i * k + c];
                isClass[i] = table.Truth[i] == c;
            }

            BinaryRanking.Evaluate(column, isClass, out var auc, out var ap);
            aucDefined &= !double.IsNaN(auc);
            aucSum += auc;
            apSum += ap;
        }

        return (aucDefined ? aucSum / k : null, apSum / k);
    }

    private static double[] ReadScores(IReadOnlyList<double> positiveScores, ReadOnlySpan<int> rows)
    {
        var scores = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            scores[i] = Probability.Check(positiveScores[rows[i]], rows[i], null);
        }

        return scores;
    }

    private static void Add(Dictionary<string, double> metrics, string name, double? value)
    {
        if (value is { } v)
        {
            metrics[name] = v;
        }
    }
}
