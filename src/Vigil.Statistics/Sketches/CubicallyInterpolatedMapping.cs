using System.Runtime.CompilerServices;

namespace Vigil.Statistics.Sketches;

/// <summary>
/// DataDog's cubically interpolated index mapping (sketches-java <c>CubicallyInterpolatedMapping</c>, the default of
/// its <c>DDSketches</c> presets): log₂ is read from the exponent bits and interpolated inside each octave with a
/// cubic, so no <see cref="Math.Log(double)"/> is needed.
/// </summary>
/// <remarks>
/// <para>
/// With x = 2^e (1 + s), s ∈ [0, 1), let L(x) = e + P(s) with P(s) = ((A s + B) s + C) s, A = 6/35, B = −3/5,
/// C = 10/7 (P(0) = 0, P(1) = 1, increasing). Bin i holds the x with i − 1 &lt; L(x) / (C ln γ) ≤ i, where
/// γ = (1 + α) / (1 − α); its upper bound is U_i = L⁻¹(i C ln γ) (Cardano's formula) and it stands for
/// 2 U_i / (γ + 1). For the exact logarithm U_i would be γ^i and this is the textbook DDSketch bin value.
/// </para>
/// <para>
/// Why the guarantee holds: dL/d(ln x) = (1 + s) P′(s) and (1 + s) P′(s) − C = (2s/35)(3s − 2)² ≥ 0, so a bin, of
/// width C ln γ in L, spans at most ln γ in ln x: a factor γ at most (exactly γ where s = 0 or s = 2/3). The bin value
/// 2 U_i / (γ + 1) is then within relative error α = (γ − 1) / (γ + 1) of every x in the bin. The cost is about 1%
/// more bins than the logarithmic mapping (1 / (C ln 2) = 1.0099).
/// </para>
/// </remarks>
internal readonly struct CubicallyInterpolatedMapping
{
    private const double A = 6.0 / 35.0;
    private const double B = -3.0 / 5.0;
    private const double C = 10.0 / 7.0;
    private const long SignificandMask = 0x000F_FFFF_FFFF_FFFF;
    private const long OneBits = 0x3FF0_0000_0000_0000;

    private readonly double _multiplier;
    private readonly double _valueFactor;

    public CubicallyInterpolatedMapping(double relativeAccuracy)
    {
        var gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
        _multiplier = 1 / (C * Math.Log(gamma));
        _valueFactor = 2 / (1 + gamma);
    }

    /// <summary>The bin of a positive normal <paramref name="value"/>: ⌈L(x) / (C ln γ)⌉.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Index(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var s = BitConverter.Int64BitsToDouble((bits & SignificandMask) | OneBits) - 1;
        var e = (double)((bits >> 52) - 1023);
        var log2 = (((((A * s) + B) * s) + C) * s) + e;
        return (int)Math.Ceiling(log2 * _multiplier);
    }

    /// <summary>The value bin <paramref name="index"/> stands for: 2 U_i / (γ + 1); +∞ beyond the double range.</summary>
    public double Value(int index)
    {
        var log2 = index / _multiplier;
        var exponent = Math.Floor(log2);
        var t = log2 - exponent;

        // Cardano's formula for the root s in [0, 1) of A s³ + B s² + C s − t = 0.
        const double D0 = (B * B) - (3 * A * C);
        var d1 = (2 * B * B * B) - (9 * A * B * C) - (27 * A * A * t);
        var p = Math.Cbrt((d1 - Math.Sqrt((d1 * d1) - (4 * D0 * D0 * D0))) / 2);
        var s = -(B + p + (D0 / p)) / (3 * A);
        return Math.ScaleB(1 + s, (int)exponent) * _valueFactor;
    }
}
