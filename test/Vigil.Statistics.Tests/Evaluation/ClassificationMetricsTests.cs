using Vigil.Statistics.Evaluation;
using static Vigil.Statistics.Tests.Evaluation.EvaluationReference;

namespace Vigil.Statistics.Tests.Evaluation;

public sealed class ClassificationMetricsTests
{
    public static TheoryData<string> CaseNames => Names(r => r.Classification, c => c.Name);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Compute_MatchesSklearn(string name)
    {
        var expected = Values.Classification.Single(c => c.Name == name);

        var result = ClassificationMetrics.Compute(expected.Input());

        Assert.Equal(expected.Labels, result.Labels);
        var k = expected.Labels.Length;
        Assert.Equal(k, result.Confusion.GetLength(0));
        Assert.Equal(k, result.Confusion.GetLength(1));
        for (var e = 0; e < k; e++)
        {
            for (var p = 0; p < k; p++)
            {
                Assert.Equal(expected.Confusion[e][p], result.Confusion[e, p]);
            }
        }

        AssertMetrics(expected.Metrics, result.Metrics, name);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Compute_Rows_EqualsComputeOnTheResampledCopy(string name)
    {
        var c = Values.Classification.Single(x => x.Name == name);
        var random = new Random(7);
        var rows = new int[c.Expected.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = random.Next(rows.Length);
        }

        var copy = new ClassificationInput(Pick(c.Expected, rows), Pick(c.Predicted, rows))
        {
            PositiveScores = c.PositiveScores is null ? null : Pick(c.PositiveScores, rows),
            Probabilities = c.Probabilities is null ? null : Pick(c.Probabilities, rows),
            PositiveLabel = c.PositiveLabel,
            CalibrationBins = c.Bins,
        };

        var resampled = ClassificationMetrics.Compute(c.Input(), rows);
        var direct = ClassificationMetrics.Compute(copy);

        Assert.Equal(direct.Labels, resampled.Labels);
        Assert.Equal(direct.Confusion, resampled.Confusion);
        Assert.Equal(direct.Metrics, resampled.Metrics);
    }

    [Fact]
    public void Compute_MetricsInCanonicalOrder()
    {
        var c = Values.Classification.Single(x => x.Name == "binary_balanced_01");

        var names = ClassificationMetrics.Compute(c.Input()).Metrics.Keys;

        Assert.Equal(
            ["accuracy", "precision", "recall", "f1", "f1_macro", "f1_micro", "f1_weighted", "roc_auc", "pr_auc", "log_loss", "brier", "ece"],
            names);
    }

    [Fact]
    public void Compute_NoRows_ReturnsNoMetrics()
    {
        var result = ClassificationMetrics.Compute(new ClassificationInput([], []));

        Assert.Empty(result.Metrics);
        Assert.Empty(result.Labels);
        Assert.Empty(result.Confusion);
    }

    [Fact]
    public void Compute_MulticlassWithPositiveScoresOnly_OmitsProbabilisticMetrics()
    {
        var input = new ClassificationInput(["a", "b", "c", "a"], ["a", "c", "c", "b"]) { PositiveScores = [0.1, 0.2, 0.3, 0.4] };

        var metrics = ClassificationMetrics.Compute(input).Metrics;

        Assert.Equal(["accuracy", "precision", "recall", "f1", "f1_macro", "f1_micro", "f1_weighted"], metrics.Keys);
    }

    [Fact]
    public void Compute_PositiveLabelNotAmongTwoLabels_Throws()
    {
        var input = new ClassificationInput(["cat", "dog"], ["dog", "dog"]) { PositiveLabel = "bird" };

        var error = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute(input));
        Assert.Contains("bird", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.01)]
    [InlineData(1.5)]
    [InlineData(double.PositiveInfinity)]
    public void Compute_ProbabilityOutOfRange_ThrowsNamingRowAndClass(double bad)
    {
        var probabilities = new IReadOnlyDictionary<string, double>[]
        {
            new Dictionary<string, double> { ["a"] = 0.5, ["b"] = 0.5 },
            new Dictionary<string, double> { ["a"] = 0.5, ["b"] = bad },
        };
        var input = new ClassificationInput(["a", "b"], ["a", "a"]) { Probabilities = probabilities };

        var error = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute(input));
        Assert.Contains("Probabilities[1][\"b\"]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_ScoreOutOfRange_ThrowsNamingRow()
    {
        var input = new ClassificationInput(["0", "1", "1"], ["0", "1", "0"]) { PositiveScores = [0.2, 0.9, 2.0] };

        var error = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute(input));
        Assert.Contains("PositiveScores[2]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_InvalidShape_Throws()
    {
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute(new ClassificationInput(["a", "b"], ["a"])));
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute(new ClassificationInput(["a"], ["a"]) { PositiveScores = [0.1, 0.2] }));
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute(new ClassificationInput(["a", null!], ["a", "b"])));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationMetrics.Compute(new ClassificationInput(["a"], ["a"]) { CalibrationBins = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationMetrics.Compute(new ClassificationInput(["a"], ["a"]), [1]));
    }

    [Theory]
    [InlineData("0|1", "1")]
    [InlineData("1", "1")]
    [InlineData("No|Yes", "Yes")]
    [InlineData("TRUE|false", "TRUE")]
    [InlineData("false|true|yes", "true")]
    [InlineData("cat|dog", "dog")]
    [InlineData("cat", null)]
    public void DefaultPositiveLabel_FollowsTheContract(string labels, string? expected) =>
        Assert.Equal(expected, ClassificationMetrics.DefaultPositiveLabel(labels.Split('|')));

    [Fact]
    public void Compute_RandomInputs_MetricsWithinTheirRanges()
    {
        var random = new Random(11);
        string[] classes = ["a", "b", "c", "d"];
        for (var trial = 0; trial < 50; trial++)
        {
            var n = random.Next(1, 40);
            var k = random.Next(2, 5);
            var expected = new string[n];
            var predicted = new string[n];
            var probabilities = new IReadOnlyDictionary<string, double>[n];
            for (var i = 0; i < n; i++)
            {
                expected[i] = classes[random.Next(k)];
                predicted[i] = classes[random.Next(k)];
                var row = new Dictionary<string, double>();
                for (var c = 0; c < k; c++)
                {
                    row[classes[c]] = random.NextDouble();
                }

                probabilities[i] = row;
            }

            var metrics = ClassificationMetrics.Compute(new ClassificationInput(expected, predicted) { Probabilities = probabilities }).Metrics;
            foreach (var (name, value) in metrics)
            {
                Assert.True(value >= 0, $"{name} = {value}");
                if (name is not ("log_loss" or "brier"))
                {
                    Assert.True(value <= 1 + 1e-12, $"{name} = {value}");
                }
            }
        }
    }

    private static T[] Pick<T>(T[] values, int[] rows)
    {
        var picked = new T[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            picked[i] = values[rows[i]];
        }

        return picked;
    }
}
