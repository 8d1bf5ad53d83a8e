using System.Runtime.CompilerServices;

namespace Vigil.Statistics.Sketches;

/// <summary>
/// DDSketch (Masson, Rim, Lee, VLDB 2019) as DataDog's sketches: quantiles with a relative-accuracy guarantee,
/// built for latencies and other positive, heavy-tailed measurements; mergeable.
/// </summary>
/// <remarks>
/// <para>
/// Mapping: γ = (1 + α) / (1 − α) and each bin spans at most a factor γ, standing for 2U / (γ + 1) where U is its
/// upper bound, so the bin value is within relative error α of every value in the bin. The textbook mapping (and
/// DataDog's <c>LogarithmicMapping</c>) uses bin i = ⌈log_γ(x)⌉ with U = γ^i; this sketch uses DataDog's
/// cubically interpolated mapping (the default of sketches-java's <c>DDSketches</c>, see
/// <see cref="CubicallyInterpolatedMapping"/>), which reads log₂ from the exponent bits and interpolates the
/// mantissa with a cubic: the same guarantee, no <see cref="Math.Log(double)"/> on the hot path (about half the
/// cost of an Add), about 1% more bins. Negative values go to a second store by their magnitude; zero (and
/// magnitudes below 2.2e-308·γ, the smallest the mapping handles) to a zero count. Counts, minimum and maximum are
/// exact; the sum is exact too (a superaccumulator) and reported correctly rounded.
/// </para>
/// <para>
/// Quantile (DataDog's definition): with n values, rank r = ⌊q (n − 1)⌋ (0-based); walk the negative bins from the
/// most negative, then the zeros, then the positive bins upwards, and answer the value of the first bin whose
/// cumulative count exceeds r, clamped to [<see cref="Min"/>, <see cref="Max"/>]. The bins are ordered like the
/// values, so that bin holds the order statistic x₍ᵣ₎ and |answer − x₍ᵣ₎| ≤ α |x₍ᵣ₎| (up to floating-point
/// rounding, about 1e-13 relative), for every data set, as long as no bin was collapsed.
/// </para>
/// <para>
/// Bin limit: each store keeps at most <see cref="MaxBins"/> bins (DataDog's <c>CollapsingLowestDenseStore</c>).
/// Beyond that the lowest bins are folded into the lowest bin kept. The defaults (α = 1%, 2048 bins; 35 bins per
/// octave) span a ratio of about 2^58.5 ≈ 4e17 between the largest and smallest magnitude (1 ns to 13 years). When
/// it happens, the quantiles whose rank falls in the folded bin are over-estimated for positive values (reported as
/// that bin's value, with no relative-error guarantee; the answer still lies in
/// [<see cref="Min"/>, <see cref="Max"/>]), and for negative values it is the magnitudes closest to zero that fold,
/// so those quantiles come out too negative. The other quantiles keep the guarantee; count, minimum, maximum and sum
/// stay exact.
/// </para>
/// <para>
/// Determinism: the bins are a function of the multiset of values (the collapsing window only moves up), so adding
/// in any order, merging in any grouping, and round-tripping through <see cref="WriteTo"/> give identical bytes.
/// </para>
/// <para>
/// References: C. Masson, J. E. Rim, H. K. Lee, "DDSketch: a fast and fully-mergeable quantile sketch with
/// relative-error guarantees", PVLDB 12(12), 2019; DataDog sketches-py <c>ddsketch.py</c> and sketches-java
/// <c>DDSketch.getValueAtQuantile</c> (rank convention) and <c>CubicallyInterpolatedMapping</c>.
/// </para>
/// <para>Not thread-safe: one writer at a time (merge per-thread sketches instead).</para>
/// </remarks>
public sealed class DDSketch
{
    /// <summary>The default relative accuracy α = 1%.</summary>
    public const double DefaultRelativeAccuracy = 0.01;

    /// <summary>The default bin limit per store (DataDog's default).</summary>
    public const int DefaultMaxBins = 2048;

    /// <summary>The smallest relative accuracy accepted (bin indices stay within 32 bits).</summary>
    public const double MinRelativeAccuracy = 1e-6;

    /// <summary>The largest bin limit accepted.</summary>
    public const int MaxBinsLimit = 1 << 20;

    private const double SmallestNormal = 2.2250738585072014E-308;

    // A power of two at most ExactSum.CarryInterval: the sum propagates its carries every this many values.
    private const int CarryInterval = 512;

    private readonly CubicallyInterpolatedMapping _mapping;
    private readonly double _minIndexableValue;
    private readonly CollapsingLowestDenseStore _positive;
    private readonly CollapsingLowestDenseStore _negative;
    private ExactSum _sum = new();
    private long _count;
    private long _zeroCount;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    /// <summary>Creates an empty sketch.</summary>
    /// <param name="relativeAccuracy">α in [1e-6, 1): every quantile is within α relative error (default 1%).</param>
    /// <param name="maxBins">Bins kept per sign before the lowest are collapsed, in [1, 2^20] (default 2048).</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public DDSketch(double relativeAccuracy = DefaultRelativeAccuracy, int maxBins = DefaultMaxBins)
    {
        if (!(relativeAccuracy >= MinRelativeAccuracy && relativeAccuracy < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(relativeAccuracy), relativeAccuracy, $"The relative accuracy must lie in [{MinRelativeAccuracy}, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxBins, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBins, MaxBinsLimit);
        RelativeAccuracy = relativeAccuracy;
        _mapping = new CubicallyInterpolatedMapping(relativeAccuracy);
        _minIndexableValue = SmallestNormal * (1 + relativeAccuracy) / (1 - relativeAccuracy);
        _positive = new CollapsingLowestDenseStore(maxBins);
        _negative = new CollapsingLowestDenseStore(maxBins);
    }

    /// <summary>α: the relative accuracy of every quantile.</summary>
    public double RelativeAccuracy { get; }

    /// <summary>Bins kept per sign before the lowest are collapsed (a merge keeps the smaller limit).</summary>
    public int MaxBins => _positive.MaxBins;

    /// <summary>The number of values added (exact).</summary>
    public long Count => _count;

    /// <summary>The smallest value added (exact); NaN when empty.</summary>
    public double Min => _count == 0 ? double.NaN : _min;

    /// <summary>The largest value added (exact); NaN when empty.</summary>
    public double Max => _count == 0 ? double.NaN : _max;

    /// <summary>The sum of the values added: the exact sum correctly rounded to a double; 0 when empty.</summary>
    public double Sum => _sum.Value;

    /// <summary>Adds a value.</summary>
    /// <param name="value">A finite value; negative values, zero and positive values are all supported.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN or infinite.</exception>
    public void Add(double value)
    {
        if (!double.IsFinite(value))
        {
            ThrowNotFinite(value);
        }

        if (value > _minIndexableValue)
        {
            _positive.Add(Index(value));
        }
        else if (value < -_minIndexableValue)
        {
            _negative.Add(Index(-value));
        }
        else
        {
            _zeroCount++;
            if (value == 0)
            {
                value = 0.0; // -0.0 and 0.0 are one value: keeps Min and Max independent of the order.
            }
        }

        if ((++_count & (CarryInterval - 1)) == 0)
        {
            _sum.PropagateCarries();
        }

        if (value < _min)
        {
            _min = value;
        }

        if (value > _max)
        {
            _max = value;
        }

        _sum.Add(value);
    }

    /// <summary>Adds every value of <paramref name="values"/>.</summary>
    /// <param name="values">Finite values.</param>
    /// <exception cref="ArgumentException">A value is NaN or infinite (the values before it were added).</exception>
    public void Add(ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            Add(value);
        }
    }

    /// <summary>Adds the values of <paramref name="other"/> to this sketch, as if they had been added here.</summary>
    /// <param name="other">A sketch with the same relative accuracy (it is not modified).</param>
    /// <remarks>The result keeps the smaller of the two bin limits, so that merging stays commutative and associative.</remarks>
    /// <exception cref="ArgumentException">The relative accuracies differ.</exception>
    public void Merge(DDSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.RelativeAccuracy != RelativeAccuracy)
        {
            throw new ArgumentException($"Cannot merge a sketch with relative accuracy {other.RelativeAccuracy} into one with {RelativeAccuracy}.", nameof(other));
        }

        var maxBins = Math.Min(MaxBins, other.MaxBins);
        _positive.ShrinkTo(maxBins);
        _negative.ShrinkTo(maxBins);
        _positive.MergeFrom(other._positive);
        _negative.MergeFrom(other._negative);
        _zeroCount = checked(_zeroCount + other._zeroCount);
        _count = checked(_count + other._count);
        _min = Math.Min(_min, other._min);
        _max = Math.Max(_max, other._max);
        _sum.Add(other._sum);
    }

    /// <summary>The value at quantile <paramref name="q"/> (DataDog's definition, see remarks of <see cref="DDSketch"/>).</summary>
    /// <param name="q">The quantile in [0, 1].</param>
    /// <returns>An estimate within relative error α of the order statistic at rank ⌊q (n − 1)⌋; NaN when empty.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is outside [0, 1] or NaN.</exception>
    public double Quantile(double q)
    {
        if (!(q >= 0 && q <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "The quantile must lie in [0, 1].");
        }

        if (_count == 0)
        {
            return double.NaN;
        }

        var rank = (long)Math.Floor(q * (_count - 1));
        var negative = _negative.TotalCount;
        double estimate;
        if (rank < negative)
        {
            estimate = -Value(_negative.IndexAtRankDescending(rank));
        }
        else if (rank < negative + _zeroCount)
        {
            estimate = 0;
        }
        else
        {
            estimate = Value(_positive.IndexAtRankAscending(rank - negative - _zeroCount));
        }

        return Math.Clamp(estimate, _min, _max);
    }

    /// <summary>Writes the sketch in Vigil's DDSketch format, version 1 (identical data gives identical bytes).</summary>
    /// <param name="writer">The destination.</param>
    public void WriteTo(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        DDSketchFormat.Write(writer, this);
    }

    /// <summary>Reads a sketch written by <see cref="WriteTo"/>.</summary>
    /// <param name="reader">The source, positioned at the sketch.</param>
    /// <returns>The sketch.</returns>
    /// <exception cref="InvalidDataException">The data is truncated, corrupted or inconsistent.</exception>
    public static DDSketch ReadFrom(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return DDSketchFormat.Read(reader);
    }

    internal CollapsingLowestDenseStore PositiveStore => _positive;

    internal CollapsingLowestDenseStore NegativeStore => _negative;

    internal long ZeroCount => _zeroCount;

    internal double MinIndexableValue => _minIndexableValue;

    internal ExactSum ExactSum => _sum;

    /// <summary>Restores the summary statistics read from a serialized sketch.</summary>
    internal void SetSummary(long count, long zeroCount, double min, double max, ExactSum sum)
    {
        _count = count;
        _zeroCount = zeroCount;
        _min = min;
        _max = max;
        _sum = sum;
    }

    /// <summary>The bin of a magnitude above <see cref="MinIndexableValue"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Index(double magnitude) => _mapping.Index(magnitude);

    /// <summary>The value a bin stands for.</summary>
    internal double Value(int index) => _mapping.Value(index);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotFinite(double value) =>
        throw new ArgumentException($"DDSketch values must be finite; got {value}.", nameof(value));
}
