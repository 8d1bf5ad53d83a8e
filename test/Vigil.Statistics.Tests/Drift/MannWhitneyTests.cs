using Vigil.Statistics.Drift;
using static Vigil.Statistics.Tests.Drift.NumericTestsReference;

namespace Vigil.Statistics.Tests.Drift;

public class MannWhitneyTests
{
    private const int TinyLimit = 8;

    public static TheoryData<string, int> Rows
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var c in Values.Cases)
            {
                for (var i = 0; i < c.MannWhitney.Length; i++)
                {
                    data.Add(c.Name, i);
                }
            }

            return data;
        }
    }

    public static TheoryData<int> LargeExactRows
    {
        get
        {
            var data = new TheoryData<int>();
            for (var i = 0; i < Values.MwuExactLarge.Length; i++)
            {
                data.Add(i);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void UTest_ReferenceCase_MatchesScipy(string name, int row)
    {
        var c = Get(name);
        var r = c.MannWhitney[row];
        var (u, p) = MannWhitney.UTest(Sorted(c.Reference), Sorted(c.Current), Alternative(r.Alternative), Method(r.Method), r.Continuity);

        var what = $"{name} {r.Alternative} {r.Method} continuity={r.Continuity}";
        Assert.Equal(r.U, u);
        var tinyExact = r.ResolvedMethod == "exact" && Math.Max(c.Reference.Length, c.Current.Length) <= TinyLimit;
        if (tinyExact)
        {
            TestData.AssertClose(r.PValue, p, 0, TinyPValueAbsolute, what);
        }
        else
        {
            TestData.AssertClose(r.PValue, p, PValueRelative, PValueAbsolute, what);
        }
    }

    [Theory]
    [MemberData(nameof(LargeExactRows))]
    public void UTest_SmallAgainstHugeSample_MatchesExactRationalReference(int index)
    {
        // scipy's recursion cannot run at these sizes; the reference is exact rational arithmetic in Python.
        var r = Values.MwuExactLarge[index];
        var current = new double[r.CurrentCount];
        for (var i = 0; i < current.Length; i++)
        {
            current[i] = i;
        }

        var (u, p) = MannWhitney.UTest(Sorted(r.Reference), current, Alternative(r.Alternative));

        Assert.Equal(r.U, u);
        TestData.AssertClose(r.PValue, p, PValueRelative, 0, $"{r.CurrentCount} {r.Alternative}");
    }

    [Fact]
    public void UTest_RandomSamples_PValueInUnitIntervalAndUsSumToProduct()
    {
        var rng = new Random(11);
        for (var trial = 0; trial < 300; trial++)
        {
            var x = RandomSorted(rng, rng.Next(1, 40), 0);
            var y = RandomSorted(rng, rng.Next(1, 40), rng.NextDouble());
            var method = (MannWhitneyMethod)(trial % 3);
            if (method == MannWhitneyMethod.Exact && Math.Min(x.Length, y.Length) > 8 && x.Length + y.Length > 60)
            {
                method = MannWhitneyMethod.Auto;
            }

            foreach (var alternative in new[] { MannWhitneyAlternative.TwoSided, MannWhitneyAlternative.Less, MannWhitneyAlternative.Greater })
            {
                var (u1, p) = MannWhitney.UTest(x, y, alternative, method);
                var (u2, pSwapped) = MannWhitney.UTest(y, x, Mirror(alternative), method);
                Assert.InRange(p, 0.0, 1.0);
                Assert.Equal((double)x.Length * y.Length, u1 + u2);
                TestData.AssertClose(p, pSwapped, 1e-12, 1e-15, "swapping the samples and mirroring the alternative");
            }
        }
    }

    [Fact]
    public void UTest_SmallSampleEntirelyBelowHugeSample_ExtremeExactPValues()
    {
        // U1 = 0: P(U >= 0) = 1 for 'greater'; P(U >= n1 n2) = 1 / C(100003, 3) for 'less'.
        double[] x = [-3.0, -2.0, -1.0];
        var y = new double[100_000];
        for (var i = 0; i < y.Length; i++)
        {
            y[i] = i;
        }

        Assert.Equal((0.0, 1.0), MannWhitney.UTest(x, y, MannWhitneyAlternative.Greater));
        var (_, p) = MannWhitney.UTest(x, y, MannWhitneyAlternative.Less);
        TestData.AssertClose(6.0 / (100_003.0 * 100_002.0 * 100_001.0), p, 1e-14, 0, "one arrangement of C(100003, 3)");
    }

    [Fact]
    public void UTest_AutoWithoutTiesAndSmallSample_EqualsExact()
    {
        double[] x = [0.1, 0.7, 1.3];
        double[] y = [-0.2, 0.4, 0.9, 1.1, 1.8, 2.5, 3.0, 3.3, 4.1, 5.0, 6.2];

        Assert.Equal(MannWhitney.UTest(x, y, method: MannWhitneyMethod.Exact), MannWhitney.UTest(x, y));
    }

    [Fact]
    public void UTest_IdenticalConstantSamples_PIsOneWithContinuityAndNaNWithout()
    {
        double[] x = [2.0, 2.0, 2.0, 2.0, 2.0];
        double[] y = [2.0, 2.0, 2.0];

        Assert.Equal((7.5, 1.0), MannWhitney.UTest(x, y));
        Assert.True(double.IsNaN(MannWhitney.UTest(x, y, useContinuity: false).PValue));
    }

    [Fact]
    public void UTest_EvidentlyMannw_LessDetectsCurrentShiftedUp()
    {
        // Evidently: mannwhitneyu(x=reference, y=current, alternative="less")[1] < threshold.
        double[] reference = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
        double[] current = [0.65, 0.75, 0.85, 0.95, 1.05, 1.15, 1.25, 1.35, 1.45, 1.55];

        Assert.True(MannWhitney.UTest(reference, current, MannWhitneyAlternative.Less).PValue < 0.05);
        Assert.True(MannWhitney.UTest(current, reference, MannWhitneyAlternative.Less).PValue > 0.95);
    }

    [Fact]
    public void UTest_ExactBeyondSupportedSizes_Throws()
    {
        var x = RandomSorted(new Random(1), 100, 0);
        var y = RandomSorted(new Random(2), 100, 0);

        var ex = Assert.Throws<ArgumentException>(() => MannWhitney.UTest(x, y, method: MannWhitneyMethod.Exact));
        Assert.Equal("method", ex.ParamName);
    }

    [Fact]
    public void UTest_EmptyUnsortedOrNaN_Throws()
    {
        Assert.Equal("sortedCurrent", Assert.Throws<ArgumentException>(() => MannWhitney.UTest([1.0], [])).ParamName);
        Assert.Throws<ArgumentException>(() => MannWhitney.UTest([2.0, 1.0], [1.0]));
        Assert.Throws<ArgumentException>(() => MannWhitney.UTest([1.0], [double.NaN]));
    }

    private static MannWhitneyAlternative Mirror(MannWhitneyAlternative alternative) => alternative switch
    {
        MannWhitneyAlternative.Less => MannWhitneyAlternative.Greater,
        MannWhitneyAlternative.Greater => MannWhitneyAlternative.Less,
        _ => alternative,
    };

    private static MannWhitneyAlternative Alternative(string name) => name switch
    {
        "two-sided" => MannWhitneyAlternative.TwoSided,
        "less" => MannWhitneyAlternative.Less,
        "greater" => MannWhitneyAlternative.Greater,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static MannWhitneyMethod Method(string name) => name switch
    {
        "auto" => MannWhitneyMethod.Auto,
        "exact" => MannWhitneyMethod.Exact,
        "asymptotic" => MannWhitneyMethod.Asymptotic,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static double[] RandomSorted(Random rng, int n, double shift)
    {
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = Math.Round((rng.NextDouble() * 3) + shift, 2);
        }

        Array.Sort(values);
        return values;
    }
}
