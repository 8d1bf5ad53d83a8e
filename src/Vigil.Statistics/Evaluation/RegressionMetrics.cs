namespace Vigil.Statistics.Evaluation;

/// <summary>Regression metrics matching scikit-learn 1.2.1: mae, rmse, mape and r2.</summary>
/// <remarks>
/// With e_i = predicted_i - expected_i over n rows:
/// mae = mean |e_i| (<c>mean_absolute_error</c>); rmse = sqrt(mean e_i^2) (<c>mean_squared_error(squared=False)</c>);
/// mape = mean |e_i| / max(|expected_i|, eps), eps = 2^-52 (<c>mean_absolute_percentage_error</c>, a fraction,
/// not a percentage; a zero target gives a huge finite value, never infinity);
/// r2 = 1 - sum e_i^2 / sum (expected_i - mean)^2 (<c>r2_score</c>, <c>force_finite=True</c>): when the expected
/// values are constant, r2 = 1 for perfect predictions and 0 otherwise; omitted with fewer than two rows (sklearn
/// returns NaN). Constancy is tested on the values themselves: sklearn tests the numpy mean's deviations, which
/// misses it when the mean rounds (three values 0.1 give mean 0.10000000000000002 and r2 of about -1.7e31).
/// Empty input gives an empty dictionary.
/// </remarks>
public static class RegressionMetrics
{
    /// <summary>np.finfo(np.float64).eps, sklearn's MAPE denominator floor.</summary>
    private const double Epsilon = 2.220446049250313e-16;

    /// <summary>Computes mae, rmse, mape and r2 of <paramref name="predicted"/> against <paramref name="expected"/>.</summary>
    /// <exception cref="ArgumentException">Lengths differ, or a value is NaN or infinite.</exception>
    public static IReadOnlyDictionary<string, double> Compute(ReadOnlySpan<double> expected, ReadOnlySpan<double> predicted)
    {
        if (expected.Length != predicted.Length)
        {
            throw new ArgumentException(
                $"predicted has {predicted.Length} values but expected has {expected.Length}.", nameof(predicted));
        }

        var rows = new int[expected.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = i;
        }

        return Compute(expected, predicted, rows);
    }

    /// <summary>
    /// Computes the metrics over the rows listed in <paramref name="rows"/> (indices, repeats allowed), exactly as
    /// <see cref="Compute(ReadOnlySpan{double}, ReadOnlySpan{double})"/> on those rows; for bootstrap resamples.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Compute(ReadOnlySpan<double> expected, ReadOnlySpan<double> predicted, ReadOnlySpan<int> rows)
    {
        if (expected.Length != predicted.Length)
        {
            throw new ArgumentException(
                $"predicted has {predicted.Length} values but expected has {expected.Length}.", nameof(predicted));
        }

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        var n = rows.Length;
        if (n == 0)
        {
            return metrics;
        }

        double absolute = 0, squared = 0, percentage = 0, sum = 0;
        var first = Value(expected, rows[0], nameof(expected));
        var constant = true;
        foreach (var row in rows)
        {
            var y = Value(expected, row, nameof(expected));
            var e = Value(predicted, row, nameof(predicted)) - y;
            absolute += Math.Abs(e);
            squared += e * e;
            percentage += Math.Abs(e) / Math.Max(Math.Abs(y), Epsilon);
            sum += y;
            constant &= y == first;
        }

        metrics["mae"] = absolute / n;
        metrics["rmse"] = Math.Sqrt(squared / n);
        metrics["mape"] = percentage / n;
        if (n >= 2)
        {
            metrics["r2"] = RSquared(expected, rows, squared, sum / n, constant);
        }

        return metrics;
    }

    private static double RSquared(ReadOnlySpan<double> expected, ReadOnlySpan<int> rows, double residual, double mean, bool constant)
    {
        if (!constant)
        {
            // One correction pass makes the mean accurate to rounding before the total sum of squares.
            double shift = 0;
            foreach (var row in rows)
            {
                shift += expected[row] - mean;
            }

            mean += shift / rows.Length;
        }

        double total = 0;
        foreach (var row in rows)
        {
            var d = expected[row] - mean;
            total += d * d;
        }

        if (constant || total == 0)
        {
            return residual == 0 ? 1 : 0;
        }

        return 1 - residual / total;
    }

    private static double Value(ReadOnlySpan<double> values, int row, string name)
    {
        if ((uint)row >= (uint)values.Length)
        {
            throw new ArgumentOutOfRangeException("rows", row, $"row indices must lie in [0, {values.Length}).");
        }

        var v = values[row];
        if (!double.IsFinite(v))
        {
            throw new ArgumentException(FormattableString.Invariant($"{name}[{row}] is {v}; values must be finite."), name);
        }

        return v;
    }
}
