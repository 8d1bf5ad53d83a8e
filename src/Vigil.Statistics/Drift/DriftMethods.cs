namespace Vigil.Statistics.Drift;

/// <summary>
/// The catalogue of drift methods by name, and Evidently's default choice per column.
/// Names follow Evidently's where Evidently has the method (<c>ks</c>, <c>wasserstein</c>, <c>psi</c>, ...).
/// </summary>
public static class DriftMethods
{
    private const double PValueThreshold = 0.05;
    private const double DistanceThreshold = 0.1;

    private static readonly DriftMethod[] Catalogue =
    [
        // Evidently's ks and cramer_von_mises drift when p <= threshold (its other tests use p < threshold).
        Test("ks", "Kolmogorov-Smirnov p-value", true, false, i => KolmogorovSmirnov.TwoSample(i.ReferenceSample!.Values, i.CurrentSample!.Values), inclusive: true),
        Distance("wasserstein", "Wasserstein distance (normed)", true, false, i => Wasserstein.NormedDistance(i.ReferenceSample!, i.CurrentSample!)),
        Distance("wasserstein_raw", "Wasserstein-1 distance (not normed)", true, false, i => Wasserstein.Distance(i.ReferenceSample!.Values, i.CurrentSample!.Values)),
        Distance("psi", "Population Stability Index", true, true, i => PopulationStabilityIndex.Compute(i.Binned)),
        Distance("jensenshannon", "Jensen-Shannon distance", true, true, i => JensenShannon.Distance(i.Binned)),
        Distance("kl_div", "Kullback-Leibler divergence", true, true, i => KullbackLeibler.Compute(i.Binned)),
        // Evidently's Hellinger bins numerical columns its own way (Sturges over the distinct values, density histograms).
        Distance("hellinger", "Hellinger distance", true, true, i => Hellinger.Distance(i.Type == ColumnType.Numerical ? EvidentlyBinning.BinForHellinger(i.ReferenceSample!, i.CurrentSample!) : i.Binned)),
        // Evidently's anderson stattest defaults to 0.1, not 0.05.
        Test("anderson", "Anderson-Darling k-sample p-value", true, false, i => AndersonDarling.KSample(i.ReferenceSample!.Values, i.CurrentSample!.Values), threshold: 0.1),
        Test("cramer_von_mises", "Cramér-von Mises p-value", true, false, i => CramerVonMises.TwoSample(i.ReferenceSample!.Values, i.CurrentSample!.Values), inclusive: true),
        Test("mannw", "Mann-Whitney U-rank p-value", true, false, i => MannWhitney.UTest(i.ReferenceSample!.Values, i.CurrentSample!.Values, MannWhitneyAlternative.Less)),
        Test("t_test", "Student t-test p-value", true, false, i => TTest.Independent(i.ReferenceSample!, i.CurrentSample!, equalVariance: true)),
        Test("welch_t_test", "Welch t-test p-value", true, false, i => TTest.Independent(i.ReferenceSample!, i.CurrentSample!, equalVariance: false)),
        // Evidently's energy distance ("ed") drifts when the distance is strictly above the threshold.
        new DriftMethod("energy", "Energy distance", true, false, false, DistanceThreshold, (i, t) =>
        {
            var d = EnergyDistance.Compute(i.ReferenceSample!.Values, i.CurrentSample!.Values);
            return new DriftTestResult(d, null, t, d > t);
        }),
        Test("chisquare", "chi-square p-value", false, true, i => ChiSquareGoodnessOfFit.Test(i.ValueCounts)),
        Test("z", "Z-test p-value", false, true, i => TwoProportionZTest.Test(i.ValueCounts)),
        Test("fisher_exact", "Fisher's exact test p-value", false, true, i => FisherExact.Test(i.ValueCounts), threshold: 0.1),
        Test("g_test", "G-test p-value", false, true, i => GTest.Test(i.ValueCounts), threshold: 0.1),
        new DriftMethod("tvd", "Total variation distance", false, true, false, DistanceThreshold, (i, t) =>
        {
            var (d, p) = TotalVariation.Test(i.ValueCounts);
            return p is { } pv ? DriftTestResult.FromPValue(d, pv, t) : DriftTestResult.FromDistance(d, t);
        }),
    ];

    private static readonly Dictionary<string, DriftMethod> ByName = BuildIndex();

    /// <summary>Every method, in catalogue order.</summary>
    public static IReadOnlyList<DriftMethod> All => Catalogue;

    /// <summary>Every method name.</summary>
    public static IEnumerable<string> Names => Catalogue.Select(m => m.Name);

    /// <summary>Finds a method by name (case-insensitive; Evidently's aliases <c>ed</c> and <c>TVD</c> accepted).</summary>
    public static bool TryGet(string name, out DriftMethod method) => ByName.TryGetValue(name, out method!);

    /// <summary>Finds a method by name or throws <see cref="ArgumentException"/> listing the known names.</summary>
    public static DriftMethod Get(string name) =>
        TryGet(name, out var m) ? m : throw new ArgumentException($"unknown drift method '{name}'; known methods: {string.Join(", ", Names)}.", nameof(name));

    /// <summary>
    /// Evidently's default method for a column (legacy <c>get_stattest</c> without an explicit test):
    /// with n = distinct non-missing values of reference and current together,
    /// reference of at most 1000 values: numerical with n &gt; 5 &#8594; <c>ks</c>; otherwise <c>chisquare</c> when n &gt; 2, else <c>z</c>;
    /// larger reference: numerical with n &gt; 5 &#8594; <c>wasserstein</c> (normed); otherwise <c>jensenshannon</c>.
    /// </summary>
    public static DriftMethod SelectDefault(DriftColumnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var n = input.DistinctCount;
        var numerical = input.Type == ColumnType.Numerical && n > 5;
        if (input.ReferenceCount <= 1000)
        {
            return numerical ? ByName["ks"] : n > 2 ? ByName["chisquare"] : ByName["z"];
        }

        return numerical ? ByName["wasserstein"] : ByName["jensenshannon"];
    }

    private static DriftMethod Test(string name, string display, bool numerical, bool categorical, Func<DriftColumnInput, (double Statistic, double PValue)> run, double threshold = PValueThreshold, bool inclusive = false) =>
        new(name, display, numerical, categorical, true, threshold, (input, t) =>
        {
            var (statistic, p) = run(input);
            return inclusive ? new DriftTestResult(statistic, p, t, p <= t) : DriftTestResult.FromPValue(statistic, p, t);
        }) { InclusiveThreshold = inclusive };

    private static DriftMethod Distance(string name, string display, bool numerical, bool categorical, Func<DriftColumnInput, double> run) =>
        new(name, display, numerical, categorical, false, DistanceThreshold, (input, threshold) => DriftTestResult.FromDistance(run(input), threshold));

    private static Dictionary<string, DriftMethod> BuildIndex()
    {
        var index = new Dictionary<string, DriftMethod>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in Catalogue)
        {
            index[m.Name] = m;
        }

        index["ed"] = index["energy"];
        index["energy_distance"] = index["energy"];
        index["cramer_von_mises_2samp"] = index["cramer_von_mises"];
        return index;
    }
}
