namespace Vigil.Statistics.Evaluation;

/// <summary>Log loss, Brier score and expected calibration error on per-row probabilities.</summary>
/// <remarks>
/// Log loss as sklearn 1.2.1 <c>log_loss(eps="auto")</c>: every probability clipped to [eps, 1 - eps] with
/// eps = 2^-52 (<c>np.finfo(np.float64).eps</c>; sklearn before 1.2 used 1e-15), each row renormalised to sum 1,
/// loss = mean of -ln(p of the true class). Brier: binary <c>brier_score_loss</c> = mean (y - s)^2; multiclass
/// mean over rows of sum over classes (p_k - onehot_k)^2, unclipped and not renormalised.
/// ECE (Guo et al. 2017, "On Calibration of Modern Neural Networks", eq. 3): equal-width bins
/// B_m = ((m - 1)/M, m/M] of the confidence c (0 falls in the first bin; index = ceil(c M) - 1 clipped to
/// [0, M - 1]); ECE = sum_m |B_m| / n * |acc(B_m) - conf(B_m)|, acc = share of correct rows in the bin, conf = mean
/// confidence in the bin.
/// </remarks>
internal static class ProbabilityMetrics
{
    /// <summary>np.finfo(np.float64).eps = 2^-52, sklearn 1.2's default log-loss clip.</summary>
    public const double Epsilon = 2.220446049250313e-16;

    /// <summary>Binary log loss from the positive-class probability (sklearn's one-column input).</summary>
    public static double LogLoss(ReadOnlySpan<double> positiveScores, ReadOnlySpan<bool> positive)
    {
        double sum = 0;
        for (var i = 0; i < positiveScores.Length; i++)
        {
            var p = Math.Clamp(positiveScores[i], Epsilon, 1 - Epsilon);
            var q = 1 - p;
            var total = q + p;
            sum -= Math.Log((positive[i] ? p : q) / total);
        }

        return sum / positiveScores.Length;
    }

    /// <summary>Log loss from a row-major matrix of <paramref name="classes"/> columns and each row's true column.</summary>
    public static double LogLoss(ReadOnlySpan<double> matrix, int classes, ReadOnlySpan<int> truth)
    {
        double sum = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            var row = matrix.Slice(i * classes, classes);
            double total = 0;
            foreach (var v in row)
            {
                total += Math.Clamp(v, Epsilon, 1 - Epsilon);
            }

            sum -= Math.Log(Math.Clamp(row[truth[i]], Epsilon, 1 - Epsilon) / total);
        }

        return sum / truth.Length;
    }

    /// <summary>Binary Brier score: mean squared difference of the positive probability and the 0/1 truth.</summary>
    public static double Brier(ReadOnlySpan<double> positiveScores, ReadOnlySpan<bool> positive)
    {
        double sum = 0;
        for (var i = 0; i < positiveScores.Length; i++)
        {
            var d = (positive[i] ? 1.0 : 0.0) - positiveScores[i];
            sum += d * d;
        }

        return sum / positiveScores.Length;
    }

    /// <summary>Multiclass Brier score: mean over rows of the squared distance to the one-hot truth.</summary>
    public static double Brier(ReadOnlySpan<double> matrix, int classes, ReadOnlySpan<int> truth)
    {
        double sum = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            var row = matrix.Slice(i * classes, classes);
            for (var k = 0; k < classes; k++)
            {
                var d = row[k] - (k == truth[i] ? 1.0 : 0.0);
                sum += d * d;
            }
        }

        return sum / truth.Length;
    }

    /// <summary>Top-label expected calibration error over <paramref name="bins"/> equal-width bins.</summary>
    public static double ExpectedCalibrationError(ReadOnlySpan<double> confidence, ReadOnlySpan<bool> correct, int bins)
    {
        var count = new long[bins];
        var correctSum = new double[bins];
        var confidenceSum = new double[bins];
        for (var i = 0; i < confidence.Length; i++)
        {
            var c = confidence[i];
            var bin = (int)Math.Clamp(Math.Ceiling(c * bins) - 1, 0, bins - 1);
            count[bin]++;
            correctSum[bin] += correct[i] ? 1 : 0;
            confidenceSum[bin] += c;
        }

        double ece = 0;
        for (var m = 0; m < bins; m++)
        {
            if (count[m] > 0)
            {
                ece += (double)count[m] / confidence.Length * Math.Abs(correctSum[m] / count[m] - confidenceSum[m] / count[m]);
            }
        }

        return ece;
    }
}
