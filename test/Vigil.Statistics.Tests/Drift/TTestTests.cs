using Vigil.Statistics.Drift;
using static Vigil.Statistics.Tests.Drift.NumericTestsReference;

namespace Vigil.Statistics.Tests.Drift;

public class TTestTests
{
    // scipy's mean of 100 (or 37) copies of 0.1 is not 0.1, so it reports t = -8.67 and p = 1.2e-14 for two
    // identical constant samples (with a catastrophic-cancellation warning). Vigil treats constant samples
    // exactly; see TTest's remarks and Independent_InexactConstantSamples_NaNNotScipysArtifact.
    private const string ScipyArtifactCase = "constant_inexact_100x37";

    public static TheoryData<string> Cases => CaseNames();

    public static TheoryData<int> GridPoints
    {
        get
        {
            var data = new TheoryData<int>();
            for (var i = 0; i < Values.StudentTCdf.Length; i++)
            {
                data.Add(i);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Independent_ReferenceCase_MatchesScipy(string name)
    {
        if (name == ScipyArtifactCase)
        {
            return;
        }

        var c = Get(name);
        var reference = Sample(c.Reference);
        var current = Sample(c.Current);
        var student = TTest.Independent(reference, current, equalVariance: true);
        var welch = TTest.Independent(reference, current, equalVariance: false);

        TestData.AssertClose(c.TTest.Student.T, student.T, StatisticRelative, 0, $"{name} Student t");
        TestData.AssertClose(c.TTest.Student.PValue, student.PValue, PValueRelative, PValueAbsolute, $"{name} Student p");
        TestData.AssertClose(c.TTest.Welch.T, welch.T, StatisticRelative, 0, $"{name} Welch t");
        TestData.AssertClose(c.TTest.Welch.PValue, welch.PValue, PValueRelative, PValueAbsolute, $"{name} Welch p");
    }

    [Fact]
    public void Independent_InexactConstantSamples_NaNNotScipysArtifact()
    {
        var c = Get(ScipyArtifactCase);
        Assert.Contains("catastrophic cancellation", c.TTest.Student.ScipyWarning, StringComparison.Ordinal);

        var student = TTest.Independent(Sample(c.Reference), Sample(c.Current), equalVariance: true);
        var welch = TTest.Independent(Sample(c.Reference), Sample(c.Current), equalVariance: false);

        Assert.True(double.IsNaN(student.T) && double.IsNaN(student.PValue));
        Assert.True(double.IsNaN(welch.T) && double.IsNaN(welch.PValue));
    }

    [Theory]
    [MemberData(nameof(GridPoints))]
    public void StudentTCdf_Grid_MatchesScipyStdtr(int index)
    {
        var point = Values.StudentTCdf[index];
        var cdf = StudentTCdf.Cdf(point.T, point.Df);

        TestData.AssertClose(point.Cdf, cdf, PValueRelative, PValueAbsolute, $"stdtr({point.Df}, {point.T})");
    }

    [Fact]
    public void Independent_RandomSamples_PInUnitIntervalAndAntisymmetric()
    {
        var rng = new Random(3);
        for (var trial = 0; trial < 200; trial++)
        {
            var x = Sample(Normal(rng, rng.Next(2, 80), 0, 1 + rng.NextDouble()));
            var y = Sample(Normal(rng, rng.Next(2, 80), rng.NextDouble(), 1));
            foreach (var equalVariance in new[] { true, false })
            {
                var forward = TTest.Independent(x, y, equalVariance);
                var backward = TTest.Independent(y, x, equalVariance);
                Assert.InRange(forward.PValue, 0.0, 1.0);
                Assert.Equal(-forward.T, backward.T);
                Assert.Equal(forward.PValue, backward.PValue);
            }
        }
    }

    [Fact]
    public void Independent_SingleValues_NaN()
    {
        var (t, p) = TTest.Independent(Sample([1.0]), Sample([2.0, 3.0]), equalVariance: true);

        Assert.True(double.IsNaN(t) && double.IsNaN(p));
    }

    [Fact]
    public void Independent_EmptySample_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => TTest.Independent(Sample([double.NaN]), Sample([1.0, 2.0]), true));
        Assert.Equal("reference", ex.ParamName);
    }

    private static double[] Normal(Random rng, int n, double mean, double sd)
    {
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            var u1 = 1.0 - rng.NextDouble();
            var u2 = rng.NextDouble();
            values[i] = mean + (sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }

        return values;
    }
}
