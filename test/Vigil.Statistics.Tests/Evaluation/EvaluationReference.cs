using Vigil.Statistics.Evaluation;

namespace Vigil.Statistics.Tests.Evaluation;

/// <summary>
/// Reference values from <c>TestData/scripts/eval_classification_reference.py</c> (sklearn 1.2.1 and numpy 1.24.2;
/// the expected calibration error from plain numpy by Guo et al.'s definition), shared by the evaluation tests.
/// </summary>
internal static class EvaluationReference
{
    /// <summary>Relative tolerance: the references differ from ours only in summation order.</summary>
    public const double Relative = 1e-12;

    /// <summary>Absolute floor for values that are 0 or cancel to near 0.</summary>
    public const double Absolute = 1e-15;

    private static readonly Lazy<Root> Data = new(() => TestData.Load<Root>("eval_classification_reference.json"));

    public static Root Values => Data.Value;

    public static TheoryData<string> Names<T>(Func<Root, IEnumerable<T>> cases, Func<T, string> name)
    {
        var data = new TheoryData<string>();
        foreach (var c in cases(Values))
        {
            data.Add(name(c));
        }

        return data;
    }

    public static void AssertMetrics(IReadOnlyDictionary<string, double> expected, IReadOnlyDictionary<string, double> actual, string what)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, value) in expected)
        {
            TestData.AssertClose(value, actual[name], Relative, Absolute, $"{what} {name}");
        }
    }

    public sealed record Root(
        string Sklearn,
        string Numpy,
        ClassificationCase[] Classification,
        RegressionCase[] Regression,
        KappaCase[] Kappa);

    public sealed record ClassificationCase(
        string Name,
        string[] Expected,
        string[] Predicted,
        double[]? PositiveScores,
        Dictionary<string, double>[]? Probabilities,
        string? PositiveLabel,
        int Bins,
        string[] Labels,
        long[][] Confusion,
        Dictionary<string, double> Metrics)
    {
        public ClassificationInput Input() => new(Expected, Predicted)
        {
            PositiveScores = PositiveScores,
            Probabilities = Probabilities,
            PositiveLabel = PositiveLabel,
            CalibrationBins = Bins,
        };
    }

    public sealed record RegressionCase(string Name, double[] Expected, double[] Predicted, Dictionary<string, double> Metrics);

    public sealed record KappaCase(string Name, string[] A, string[] B, string[]? Labels, double None, double Linear, double Quadratic);
}
