using Vigil.Statistics.Evaluation;
using static Vigil.Statistics.Tests.Evaluation.EvaluationReference;

namespace Vigil.Statistics.Tests.Evaluation;

public sealed class RegressionMetricsTests
{
    public static TheoryData<string> CaseNames => Names(r => r.Regression, c => c.Name);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Compute_MatchesSklearn(string name)
    {
        var c = Values.Regression.Single(x => x.Name == name);

        AssertMetrics(c.Metrics, RegressionMetrics.Compute(c.Expected, c.Predicted), name);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Compute_Rows_EqualsComputeOnTheResampledCopy(string name)
    {
        var c = Values.Regression.Single(x => x.Name == name);
        var random = new Random(3);
        var rows = new int[c.Expected.Length];
        var expected = new double[rows.Length];
        var predicted = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = random.Next(rows.Length);
            expected[i] = c.Expected[rows[i]];
            predicted[i] = c.Predicted[rows[i]];
        }

        Assert.Equal(RegressionMetrics.Compute(expected, predicted), RegressionMetrics.Compute(c.Expected, c.Predicted, rows));
    }

    [Fact]
    public void Compute_ConstantTruthWhoseMeanRounds_UsesSklearnsConstantRule()
    {
        // sklearn's documented rule for constant truth (force_finite): r2 = 0 for imperfect, 1 for perfect predictions
        // (reference cases constant_truth_imperfect / constant_truth_perfect). With three values 0.1 numpy's mean is
        // 0.10000000000000002 and sklearn 1.2.1 returns about -1.7e31 instead; Vigil tests constancy on the values.
        double[] truth = [0.1, 0.1, 0.1];

        Assert.Equal(0.0, RegressionMetrics.Compute(truth, [0.2, 0.1, 0.1])["r2"]);
        Assert.Equal(1.0, RegressionMetrics.Compute(truth, truth)["r2"]);
    }

    [Fact]
    public void Compute_Empty_ReturnsNoMetrics() => Assert.Empty(RegressionMetrics.Compute([], []));

    [Fact]
    public void Compute_InvalidInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute([1.0, 2.0], [1.0]));
        var nan = Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute([1.0, double.NaN], [1.0, 2.0]));
        Assert.Contains("expected[1]", nan.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute([1.0, 2.0], [1.0, double.PositiveInfinity]));
        Assert.Throws<ArgumentOutOfRangeException>(() => RegressionMetrics.Compute([1.0], [1.0], [2]));
    }
}
