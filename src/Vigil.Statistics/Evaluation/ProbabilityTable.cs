namespace Vigil.Statistics.Evaluation;

/// <summary>
/// The <see cref="ClassificationInput.Probabilities"/> of the selected rows as a dense row-major matrix over the
/// probability classes K = labels plus every key of the selected rows, ordinal order; a missing key is 0.
/// </summary>
internal sealed class ProbabilityTable
{
    private ProbabilityTable(string[] classes, double[] matrix, int[] truth, int[] predicted)
    {
        Classes = classes;
        Matrix = matrix;
        Truth = truth;
        Predicted = predicted;
    }

    /// <summary>The probability classes K, ordinal order.</summary>
    public string[] Classes { get; }

    /// <summary>Row-major probabilities: <c>Matrix[row * K + class]</c>.</summary>
    public double[] Matrix { get; }

    /// <summary>Per row, the column of its expected label.</summary>
    public int[] Truth { get; }

    /// <summary>Per row, the column of its predicted label.</summary>
    public int[] Predicted { get; }

    /// <summary>Copies one class's probabilities (zeros when the class is not in K).</summary>
    public double[] Column(string label)
    {
        var rows = Truth.Length;
        var column = new double[rows];
        var k = Array.BinarySearch(Classes, label, StringComparer.Ordinal);
        if (k >= 0)
        {
            for (var i = 0; i < rows; i++)
            {
                column[i] = Matrix[i * Classes.Length + k];
            }
        }

        return column;
    }

    /// <summary>Builds the table; throws <see cref="ArgumentException"/> for a null row or a value outside [0, 1].</summary>
    public static ProbabilityTable Build(IReadOnlyList<IReadOnlyDictionary<string, double>> probabilities, ReadOnlySpan<int> rows, LabelCoding coding)
    {
        var index = new Dictionary<string, int>(coding.Index, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var values = probabilities[row] ?? throw new ArgumentException($"Probabilities[{row}] is null.", "input");
            foreach (var pair in values)
            {
                index.TryAdd(pair.Key, 0);
            }
        }

        var classes = coding.Labels;
        if (index.Count > classes.Length)
        {
            classes = new string[index.Count];
            index.Keys.CopyTo(classes, 0);
            Array.Sort(classes, StringComparer.Ordinal);
            for (var k = 0; k < classes.Length; k++)
            {
                index[classes[k]] = k;
            }
        }

        var width = classes.Length;
        var matrix = new double[rows.Length * width];
        var truth = new int[rows.Length];
        var predicted = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            foreach (var pair in probabilities[rows[i]])
            {
                matrix[i * width + index[pair.Key]] = Probability.Check(pair.Value, rows[i], pair.Key);
            }

            truth[i] = index[coding.Labels[coding.Expected[i]]];
            predicted[i] = index[coding.Labels[coding.Predicted[i]]];
        }

        return new ProbabilityTable(classes, matrix, truth, predicted);
    }
}
