using System.Text.Json.Serialization;
using Vigil.Statistics.Drift;

namespace Vigil.Statistics.Tests.Drift;

/// <summary>
/// Reference values from <c>TestData/scripts/numeric_tests_reference.py</c> (scipy 1.10.1, numpy 1.24.2; exact
/// rational arithmetic where scipy cannot run), shared by the numerical two-sample test classes.
/// </summary>
internal static class NumericTestsReference
{
    /// <summary>Relative tolerance for statistics and distances.</summary>
    public const double StatisticRelative = 1e-10;

    /// <summary>
    /// Absolute floor for statistics: the Anderson-Darling statistic is (A²kN − 1) / σ and cancels near 0, and
    /// distances of identical samples are 0.
    /// </summary>
    public const double StatisticAbsolute = 1e-12;

    /// <summary>Relative tolerance for p-values.</summary>
    public const double PValueRelative = 1e-9;

    /// <summary>Absolute tolerance for exact p-values of tiny samples (sums of a few exact fractions).</summary>
    public const double TinyPValueAbsolute = 1e-14;

    /// <summary>Absolute floor for p-values that underflow.</summary>
    public const double PValueAbsolute = 1e-300;

    private static readonly Lazy<Root> Data = new(() => TestData.Load<Root>("numeric_tests_reference.json"));

    public static Root Values => Data.Value;

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in Values.Cases)
        {
            data.Add(c.Name);
        }

        return data;
    }

    public static Case Get(string name) => Values.Cases.Single(c => c.Name == name);

    public static double[] Sorted(double[] values)
    {
        var copy = (double[])values.Clone();
        Array.Sort(copy);
        return copy;
    }

    public static SortedSample Sample(double[] values) => SortedSample.FromUnsorted(values);

    public sealed record Root(
        string Numpy,
        string Scipy,
        Case[] Cases,
        [property: JsonPropertyName("mwu_exact_large")] MannWhitneyLargeCase[] MwuExactLarge,
        [property: JsonPropertyName("student_t_cdf")] StudentTPoint[] StudentTCdf);

    public sealed record Case(
        string Name,
        string Family,
        double[] Reference,
        double[] Current,
        AndersonResult Anderson,
        [property: JsonPropertyName("mann_whitney")] MannWhitneyRow[] MannWhitney,
        TTestResults TTest,
        double Energy,
        double Wasserstein,
        [property: JsonPropertyName("wasserstein_normed")] double WassersteinNormed);

    public sealed record AndersonResult(
        double Statistic,
        double PValue,
        [property: JsonPropertyName("scipy_error")] string? ScipyError,
        [property: JsonPropertyName("scipy_warning")] string? ScipyWarning);

    public sealed record MannWhitneyRow(
        string Alternative,
        string Method,
        bool Continuity,
        [property: JsonPropertyName("resolved_method")] string ResolvedMethod,
        double U,
        double PValue);

    public sealed record TTestResults(TTestResult Student, TTestResult Welch);

    public sealed record TTestResult(
        double T,
        double PValue,
        [property: JsonPropertyName("scipy_warning")] string? ScipyWarning);

    public sealed record MannWhitneyLargeCase(
        double[] Reference,
        [property: JsonPropertyName("current_count")] int CurrentCount,
        string Alternative,
        double U,
        double PValue);

    public sealed record StudentTPoint(double Df, double T, double Cdf);
}
