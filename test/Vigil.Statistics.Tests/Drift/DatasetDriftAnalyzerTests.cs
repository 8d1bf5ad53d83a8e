using Vigil.Statistics.Drift;

namespace Vigil.Statistics.Tests.Drift;

/// <summary>
/// Evidently's default method choice (legacy get_stattest, Evidently 0.7.x) and the dataset verdict.
/// The rules are logic, not numbers: each case states the Evidently branch it exercises.
/// </summary>
public sealed class DatasetDriftAnalyzerTests
{
    [Theory]
    [InlineData(1000, 6, "ks")]              // <= 1000 reference values, numerical, > 5 distinct
    [InlineData(1001, 6, "wasserstein")]     // > 1000, numerical, > 5 distinct
    [InlineData(1000, 5, "chisquare")]       // <= 1000, numerical with <= 5 distinct, > 2
    [InlineData(1000, 2, "z")]               // <= 1000, <= 2 distinct
    [InlineData(1000, 1, "z")]
    [InlineData(5000, 5, "jensenshannon")]   // > 1000, <= 5 distinct
    public void SelectDefault_Numerical_FollowsEvidently(int referenceCount, int distinct, string expected)
    {
        var reference = new double[referenceCount];
        for (var i = 0; i < referenceCount; i++)
        {
            reference[i] = i % distinct;
        }

        var input = DriftColumnInput.Numerical(SortedSample.FromUnsorted(reference), SortedSample.FromUnsorted([0, 1]));
        Assert.Equal(expected, DriftMethods.SelectDefault(input).Name);
    }

    [Fact]
    public void SelectDefault_CountsDistinctValuesOfBothSides()
    {
        // 4 distinct in the reference, 2 more only in the current: pandas concat(...).nunique() = 6 -> ks.
        var input = DriftColumnInput.Numerical(SortedSample.FromUnsorted([1, 2, 3, 4, 1, 2]), SortedSample.FromUnsorted([5, 6]));
        Assert.Equal(6, input.DistinctCount);
        Assert.Equal("ks", DriftMethods.SelectDefault(input).Name);
    }

    [Theory]
    [InlineData(100, 3, "chisquare")]
    [InlineData(100, 2, "z")]
    [InlineData(2000, 2, "jensenshannon")]
    [InlineData(2000, 30, "jensenshannon")]
    public void SelectDefault_Categorical_FollowsEvidently(int referenceCount, int categories, string expected)
    {
        var reference = new Dictionary<string, long>();
        for (var i = 0; i < categories; i++)
        {
            reference[$"k{i}"] = referenceCount / categories + (i == 0 ? referenceCount % categories : 0);
        }

        var input = DriftColumnInput.Categorical(BinnedCounts.FromCategories(reference, new Dictionary<string, long> { ["k0"] = 5 }));
        Assert.Equal(expected, DriftMethods.SelectDefault(input).Name);
    }

    [Fact]
    public void Analyze_DatasetDrift_WhenShareReachesThreshold()
    {
        var same = SortedSample.FromUnsorted(Sequence(0, 200));
        var shifted = SortedSample.FromUnsorted(Sequence(150, 200));
        var columns = new List<KeyValuePair<string, DriftColumnInput>>
        {
            new("a", DriftColumnInput.Numerical(same, shifted)),
            new("b", DriftColumnInput.Numerical(same, same)),
        };

        var half = DatasetDriftAnalyzer.Analyze(columns, new DriftOptions());
        Assert.Equal(1, half.DriftedColumns);
        Assert.Equal(0.5, half.DriftShare);
        Assert.True(half.DatasetDrift); // share >= 0.5
        Assert.False(DatasetDriftAnalyzer.Analyze(columns, new DriftOptions { DriftShare = 0.6 }).DatasetDrift);
        Assert.Equal(["ks", "ks"], half.Columns.Select(c => c.Method));
    }

    [Fact]
    public void Analyze_MethodNotForType_ThrowsNamingColumn()
    {
        var columns = new List<KeyValuePair<string, DriftColumnInput>>
        {
            new("city", DriftColumnInput.Categorical(BinnedCounts.FromCategories(new Dictionary<string, long> { ["x"] = 3 }, new Dictionary<string, long> { ["y"] = 3 }))),
        };

        var ex = Assert.Throws<ColumnDriftException>(() => DatasetDriftAnalyzer.Analyze(columns, new DriftOptions { Method = "ks" }));
        Assert.Equal("city", ex.Column);
    }

    [Fact]
    public void Analyze_EmptySide_ThrowsNamingColumn()
    {
        var columns = new List<KeyValuePair<string, DriftColumnInput>>
        {
            new("x", DriftColumnInput.Numerical(SortedSample.FromUnsorted([1, 2, 3]), SortedSample.FromUnsorted([double.NaN]))),
        };

        var ex = Assert.Throws<ColumnDriftException>(() => DatasetDriftAnalyzer.Analyze(columns, new DriftOptions()));
        Assert.Equal("x", ex.Column);
    }

    [Fact]
    public void Analyze_Bonferroni_DecidesOnAdjustedPValues()
    {
        var reference = SortedSample.FromUnsorted(Sequence(0, 300));
        var columns = new List<KeyValuePair<string, DriftColumnInput>>();
        foreach (var shift in new[] { 0, 8, 16, 24, 40 })
        {
            columns.Add(new($"s{shift}", DriftColumnInput.Numerical(reference, SortedSample.FromUnsorted(Sequence(shift, 300)))));
        }

        var plain = DatasetDriftAnalyzer.Analyze(columns, new DriftOptions());
        var corrected = DatasetDriftAnalyzer.Analyze(columns, new DriftOptions { Correction = PValueCorrection.Bonferroni });
        for (var i = 0; i < columns.Count; i++)
        {
            var p = plain.Columns[i].PValue!.Value;
            Assert.Equal(p, corrected.Columns[i].PValue);
            Assert.Equal(Math.Min(1, p * columns.Count), corrected.Columns[i].AdjustedPValue!.Value, 15);
            Assert.Equal(corrected.Columns[i].AdjustedPValue < 0.05, corrected.Columns[i].Drifted);
        }

        Assert.True(corrected.DriftedColumns <= plain.DriftedColumns);
    }

    [Fact]
    public void Analyze_MinimumEffect_StopsLargeSamplesFlaggingTrivialShifts()
    {
        // 200,000 vs 200,000 values shifted by 1% of the spread: KS is highly significant, but D is about 0.004.
        var reference = SortedSample.FromUnsorted(Sequence(0, 200_000));
        var current = SortedSample.FromUnsorted(Sequence(2_000, 200_000));
        var columns = new List<KeyValuePair<string, DriftColumnInput>> { new("x", DriftColumnInput.Numerical(reference, current)) };
        var plain = DatasetDriftAnalyzer.Analyze(columns, new DriftOptions { Method = "ks" });
        var floored = DatasetDriftAnalyzer.Analyze(columns, new DriftOptions { Method = "ks", MinimumEffect = 0.05 });
        Assert.True(plain.Columns[0].Drifted);
        Assert.False(floored.Columns[0].Drifted);
        Assert.Equal(0.01, floored.Columns[0].Effect!.Value, 12); // D = 2,000 / 200,000, computed by hand
        Assert.Null(plain.Columns[0].Effect);
    }

    [Fact]
    public void Analyze_MinimumEffect_CategoricalUsesTotalVariation()
    {
        var r = new Dictionary<string, long> { ["a"] = 50_000, ["b"] = 50_000 };
        var c = new Dictionary<string, long> { ["a"] = 51_000, ["b"] = 49_000 };
        var columns = new List<KeyValuePair<string, DriftColumnInput>> { new("k", DriftColumnInput.Categorical(BinnedCounts.FromCategories(r, c))) };
        var floored = DatasetDriftAnalyzer.Analyze(columns, new DriftOptions { Method = "chisquare", MinimumEffect = 0.02 });
        Assert.True(floored.Columns[0].PValue < 0.05);
        Assert.Equal(0.01, floored.Columns[0].Effect!.Value, 12); // TVD = 0.5 (|0.5 - 0.51| + |0.5 - 0.49|)
        Assert.False(floored.Columns[0].Drifted);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Options_BadDriftShare_Throws(double share) =>
        Assert.Throws<ArgumentException>(() => new DriftOptions { DriftShare = share }.Validate());

    [Fact]
    public void Options_UnknownMethod_ThrowsListingKnownOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => new DriftOptions { NumericalMethod = "nope" }.Validate());
        Assert.Contains("wasserstein", ex.Message);
    }

    [Fact]
    public void Methods_AllNamedMethodsExist()
    {
        string[] required = ["ks", "wasserstein", "psi", "jensenshannon", "kl_div", "hellinger", "anderson", "cramer_von_mises", "mannw", "t_test", "welch_t_test", "energy", "chisquare", "z", "fisher_exact", "g_test", "tvd"];
        foreach (var name in required)
        {
            Assert.True(DriftMethods.TryGet(name, out var m), name);
            Assert.Equal(name, m.Name);
        }
    }

    private static double[] Sequence(int start, int count)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = start + i;
        }

        return values;
    }
}
