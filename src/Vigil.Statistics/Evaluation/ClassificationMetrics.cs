namespace Vigil.Statistics.Evaluation;

/// <summary>Classification metrics matching scikit-learn 1.2.1: accuracy, precision, recall, F1, ROC AUC, PR AUC,
/// log loss, Brier score, expected calibration error and the confusion matrix.</summary>
/// <remarks>
/// <para>Labels are the ordinal-sorted union of expected and predicted labels. Binary when there are at most two,
/// multiclass otherwise. A metric that cannot be computed is omitted from <see cref="ClassificationResult.Metrics"/>.</para>
/// <para>accuracy = correct / n (<c>accuracy_score</c>). Per label, precision = tp / (tp + fp), recall = tp / (tp + fn),
/// F1 = 2 P R / (P + R), each 0 when its denominator is 0 (sklearn's default <c>zero_division="warn"</c> warns and
/// returns 0). precision, recall and f1 are those of the positive label when binary (<c>average="binary"</c>;
/// omitted when no positive label can be chosen) and macro means when multiclass. f1_macro = unweighted mean
/// over the labels, f1_weighted = mean weighted by support, f1_micro = F1 of the summed counts (all three
/// <c>f1_score(average=...)</c>, over the labels present in expected or predicted).</para>
/// <para>Binary scores s: <see cref="ClassificationInput.PositiveScores"/>, else the positive class's entry of
/// <see cref="ClassificationInput.Probabilities"/>. roc_auc = <c>roc_auc_score</c> (trapezoid on the ROC curve,
/// tied scores one threshold; omitted when the expected labels hold one class); pr_auc =
/// <c>average_precision_score</c> (step function, 0 when no row is positive, as sklearn); brier =
/// <c>brier_score_loss</c>; log_loss = <c>log_loss</c> (probabilities clipped to [2^-52, 1 - 2^-52] and each row
/// renormalised to sum 1), from s or, when probabilities are given, from the matrix over the probability classes.
/// Multiclass needs probabilities: roc_auc = mean over classes of the one-vs-rest binary AUC
/// (<c>roc_auc_score(multi_class="ovr", average="macro")</c>, omitted when a class has no expected row; sklearn
/// also refuses rows that do not sum to 1, Vigil computes them), pr_auc = macro one-vs-rest average precision,
/// brier = mean over rows of sum over classes (p_k - onehot_k)^2.</para>
/// <para>ece: top-label expected calibration error (Guo et al. 2017, eq. 3) with
/// <see cref="ClassificationInput.CalibrationBins"/> equal-width bins ((m-1)/M, m/M] on the confidence = the
/// probability given to the predicted label, and correctness = predicted equals expected:
/// <c>sum_m |B_m| / n * |acc(B_m) - conf(B_m)|</c>. See docs/methods/evaluation-metrics.md.</para>
/// </remarks>
public static class ClassificationMetrics
{
    /// <summary>Computes the metrics over all rows of <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentException">Lists of different lengths, a null label or row, or a probability outside [0, 1].</exception>
    public static ClassificationResult Compute(ClassificationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.Expected, nameof(input));
        var rows = new int[input.Expected.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = i;
        }

        return Compute(input, rows);
    }

    /// <summary>
    /// Computes the metrics over the rows listed in <paramref name="rows"/> (indices into the input; repeats allowed),
    /// exactly as <see cref="Compute(ClassificationInput)"/> on those rows in that order. For bootstrap resamples
    /// without copying the input.
    /// </summary>
    public static ClassificationResult Compute(ClassificationInput input, ReadOnlySpan<int> rows)
    {
        Validate(input);
        var coding = LabelCoding.Build(input, rows);
        var labels = coding.Labels;
        var confusion = new long[labels.Length, labels.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            confusion[coding.Expected[i], coding.Predicted[i]]++;
        }

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (rows.Length == 0)
        {
            return new ClassificationResult(metrics, labels, confusion);
        }

        var counts = new CountMetrics(confusion);
        var binary = labels.Length <= 2;
        string? positive = null;
        (double Precision, double Recall, double F1)? headline;
        var macro = counts.Macro();
        if (binary)
        {
            positive = ResolvePositive(input.PositiveLabel, labels);
            headline = positive is null ? null : counts.ForLabel(coding.IndexOf(positive));
        }
        else
        {
            headline = macro;
        }

        metrics["accuracy"] = counts.Accuracy();
        if (headline is { } h)
        {
            metrics["precision"] = h.Precision;
            metrics["recall"] = h.Recall;
            metrics["f1"] = h.F1;
        }

        metrics["f1_macro"] = macro.F1;
        metrics["f1_micro"] = counts.MicroF1();
        metrics["f1_weighted"] = counts.WeightedF1();
        ProbabilisticEvaluation.AddTo(metrics, input, rows, coding, binary, positive);
        return new ClassificationResult(metrics, labels, confusion);
    }

    /// <summary>
    /// The positive label chosen when <see cref="ClassificationInput.PositiveLabel"/> is null: "1" if present, else a
    /// label equal to "true", then "yes", ignoring case, else the second label (sklearn's <c>pos_label=1</c>
    /// convention on sorted labels); null for a single label that matches none of these.
    /// </summary>
    /// <param name="labels">The labels in ordinal order (as <see cref="ClassificationResult.Labels"/>).</param>
    public static string? DefaultPositiveLabel(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] == "1")
            {
                return labels[i];
            }
        }

        foreach (var word in (ReadOnlySpan<string>)["true", "yes"])
        {
            for (var i = 0; i < labels.Count; i++)
            {
                if (string.Equals(labels[i], word, StringComparison.OrdinalIgnoreCase))
                {
                    return labels[i];
                }
            }
        }

        return labels.Count >= 2 ? labels[1] : null;
    }

    private static string? ResolvePositive(string? given, string[] labels)
    {
        if (given is null)
        {
            return DefaultPositiveLabel(labels);
        }

        if (labels.Length == 2 && Array.IndexOf(labels, given) < 0)
        {
            throw new ArgumentException(
                $"PositiveLabel \"{given}\" is not one of the labels \"{labels[0]}\" and \"{labels[1]}\".", "input");
        }

        return given;
    }

    private static void Validate(ClassificationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.Expected, nameof(input));
        ArgumentNullException.ThrowIfNull(input.Predicted, nameof(input));
        var n = input.Expected.Count;
        CheckCount(input.Predicted.Count, n, nameof(ClassificationInput.Predicted));
        CheckCount(input.PositiveScores?.Count ?? n, n, nameof(ClassificationInput.PositiveScores));
        CheckCount(input.Probabilities?.Count ?? n, n, nameof(ClassificationInput.Probabilities));
        if (input.CalibrationBins < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(input), input.CalibrationBins, "CalibrationBins must be at least 1.");
        }
    }

    private static void CheckCount(int count, int expected, string list)
    {
        if (count != expected)
        {
            throw new ArgumentException($"{list} has {count} rows but Expected has {expected}.", "input");
        }
    }
}
