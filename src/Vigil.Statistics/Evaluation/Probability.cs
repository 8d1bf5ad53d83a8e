namespace Vigil.Statistics.Evaluation;

/// <summary>Validation of probability inputs.</summary>
internal static class Probability
{
    /// <summary>
    /// Returns <paramref name="value"/> when it is a probability; otherwise throws naming the row and, for
    /// <see cref="ClassificationInput.Probabilities"/>, the class (<paramref name="key"/>).
    /// </summary>
    public static double Check(double value, int row, string? key)
    {
        if (!(value >= 0 && value <= 1))
        {
            Throw(value, row, key);
        }

        return value;
    }

    private static void Throw(double value, int row, string? key)
    {
        var what = key is null
            ? $"{nameof(ClassificationInput.PositiveScores)}[{row}]"
            : $"{nameof(ClassificationInput.Probabilities)}[{row}][\"{key}\"]";
        throw new ArgumentException(
            FormattableString.Invariant($"{what} is {value:R}; a probability must be finite and lie in [0, 1]."), "input");
    }
}
