using Vigil.Statistics.Drift;

namespace Vigil.Statistics.Tests.Drift;

/// <summary>
/// Reference values from <c>TestData/scripts/binned_reference.py</c> (numpy 1.24.2, scipy 1.10.1, Evidently 0.7's
/// definitions restated on top of them), shared by the binning, distance and categorical test classes.
/// </summary>
internal static class BinnedReference
{
    /// <summary>Relative tolerance for distances and test statistics.</summary>
    public const double DistanceRelative = 1e-12;

    /// <summary>Absolute floor for distances whose reference value is 0 or cancels to near 0.</summary>
    public const double DistanceAbsolute = 1e-15;

    /// <summary>Relative tolerance for p-values.</summary>
    public const double PValueRelative = 1e-9;

    /// <summary>Absolute floor for p-values that underflow.</summary>
    public const double PValueAbsolute = 1e-300;

    private static readonly Lazy<Root> Data = new(() => TestData.Load<Root>("binned_reference.json"));

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

    public static NumericCase Numeric(string name) => Values.Numeric.Single(c => c.Name == name);

    public static CategoricalCase Categorical(string name) => Values.Categorical.Single(c => c.Name == name);

    public sealed record Root(
        string Numpy,
        string Scipy,
        SturgesCase[] Sturges,
        HistogramCase[] Histogram,
        NumericCase[] Numeric,
        CategoricalCase[] Categorical,
        BinaryCase[] Binary);

    public sealed record SturgesCase(double Min, double Max, long Count, double[] Edges)
    {
        public string Name => FormattableString.Invariant($"{Min:R}..{Max:R} n={Count}");
    }

    public sealed record HistogramCase(string Name, double[] Values, double[] Edges, long[] Counts);

    public sealed record NumericCase(
        string Name,
        double[] Reference,
        double[] Current,
        double[]? Edges,
        double[]? Values,
        long[] Ref,
        long[] Cur,
        double Psi,
        double Kl,
        double Js,
        double Hellinger,
        double[] HellingerEdges,
        long[] HellingerRef,
        long[] HellingerCur)
    {
        public BinnedCounts Bin() =>
            EvidentlyBinning.Bin(SortedSample.FromUnsorted(Reference), SortedSample.FromUnsorted(Current));
    }

    public sealed record BinaryCase(long[] Ref, long[] Cur, double Z, double ZPValue, double OddsRatio, double FisherPValue)
    {
        public BinnedCounts Counts() => new([Ref[0], Ref[1]], [Cur[0], Cur[1]], ["0", "1"]);
    }

    public sealed record CategoricalCase(
        string Name,
        string[] Categories,
        long[] Ref,
        long[] Cur,
        double Psi,
        double Kl,
        double Js,
        double Hellinger,
        double Tvd,
        double? TvdPValue,
        double ChiSquare,
        double ChiSquarePValue,
        double G,
        double GPValue,
        double? Z,
        double? ZPValue,
        double? OddsRatio,
        double? FisherPValue)
    {
        /// <summary>Counts as the registry builds them: category maps, bins in ordinal order of the union.</summary>
        public BinnedCounts Counts()
        {
            var reference = new Dictionary<string, long>();
            var current = new Dictionary<string, long>();
            for (var i = 0; i < Categories.Length; i++)
            {
                if (Ref[i] > 0)
                {
                    reference[Categories[i]] = Ref[i];
                }

                if (Cur[i] > 0)
                {
                    current[Categories[i]] = Cur[i];
                }
            }

            return BinnedCounts.FromCategories(reference, current);
        }
    }
}
