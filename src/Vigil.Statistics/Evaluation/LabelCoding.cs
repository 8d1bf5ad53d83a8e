namespace Vigil.Statistics.Evaluation;

/// <summary>
/// The labels of the selected rows of a <see cref="ClassificationInput"/>: the ordinal-sorted union of expected and
/// predicted labels and each row's expected and predicted label as an index into it.
/// </summary>
internal sealed class LabelCoding
{
    private LabelCoding(string[] labels, Dictionary<string, int> index, int[] expected, int[] predicted)
    {
        Labels = labels;
        Index = index;
        Expected = expected;
        Predicted = predicted;
    }

    /// <summary>Union of expected and predicted labels, ordinal order.</summary>
    public string[] Labels { get; }

    /// <summary>Label to its position in <see cref="Labels"/>.</summary>
    public Dictionary<string, int> Index { get; }

    /// <summary>Per selected row, the index of its expected label.</summary>
    public int[] Expected { get; }

    /// <summary>Per selected row, the index of its predicted label.</summary>
    public int[] Predicted { get; }

    /// <summary>Position of <paramref name="label"/> in <see cref="Labels"/>, or -1.</summary>
    public int IndexOf(string label) => Index.TryGetValue(label, out var i) ? i : -1;

    /// <summary>Encodes the rows <paramref name="rows"/> (indices into the input, repeats allowed).</summary>
    public static LabelCoding Build(ClassificationInput input, ReadOnlySpan<int> rows)
    {
        var expectedLabels = input.Expected;
        var predictedLabels = input.Predicted;
        var n = expectedLabels.Count;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if ((uint)row >= (uint)n)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), row, $"row indices must lie in [0, {n}).");
            }

            index.TryAdd(expectedLabels[row] ?? throw NullLabel(nameof(ClassificationInput.Expected), row), 0);
            index.TryAdd(predictedLabels[row] ?? throw NullLabel(nameof(ClassificationInput.Predicted), row), 0);
        }

        var labels = new string[index.Count];
        index.Keys.CopyTo(labels, 0);
        Array.Sort(labels, StringComparer.Ordinal);
        for (var i = 0; i < labels.Length; i++)
        {
            index[labels[i]] = i;
        }

        var expected = new int[rows.Length];
        var predicted = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            expected[i] = index[expectedLabels[rows[i]]];
            predicted[i] = index[predictedLabels[rows[i]]];
        }

        return new LabelCoding(labels, index, expected, predicted);
    }

    private static ArgumentException NullLabel(string list, int row) =>
        new($"{list}[{row}] is null; every row needs a label.", "input");
}
