using System.Buffers.Binary;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Vigil.Statistics.Sketches;

/// <summary>
/// HyperLogLog distinct count (Flajolet, Fusy, Gandouet, Meunier 2007) with 2^lgK 6-bit registers and Ertl's
/// improved raw estimator (2017); mergeable.
/// </summary>
/// <remarks>
/// <para>
/// Update: a 64-bit XxHash3 (seed <see cref="HashSeed"/>) of the value's bytes; its top lgK bits choose a register
/// and the register keeps the maximum of ρ = 1 + the number of leading zeros of the remaining 64 − lgK bits
/// (ρ ≤ 65 − lgK). Doubles hash their IEEE-754 bits with −0.0 read as 0.0 and every NaN as one NaN; strings hash
/// their UTF-16LE code units.
/// </para>
/// <para>
/// Estimate: Ertl's improved raw estimator (O. Ertl, "New cardinality estimation algorithms for HyperLogLog
/// sketches", 2017, algorithm 6), from the histogram C_k of register values with m = 2^lgK and q = 64 − lgK:
/// z = m τ(1 − C_{q+1}/m); z = (z + C_k)/2 for k = q … 1; z += m σ(C_0/m); n̂ = m² / (2 ln 2 · z). It is chosen over
/// classic HLL with linear counting because it needs no range switch and no bias tables: on the same registers
/// (lgK = 12, 300 trials) classic HLL's RMS error reaches 3.0% with +1.4% bias just below its switch at 2.5 m, where
/// this estimator has 1.4% and no bias; elsewhere both are near 1.04/√m.
/// </para>
/// <para>
/// Error: relative standard error ≈ 1.04/√m (1.6% at lgK = 12, the default); small counts are nearly exact.
/// Merging takes register-wise maxima: exact, commutative and associative, and merge(a, b) is the sketch of a ++ b.
/// </para>
/// <para>Not thread-safe: one writer at a time (merge per-thread sketches instead).</para>
/// </remarks>
public sealed class HyperLogLog
{
    /// <summary>The default lgK: 4096 registers, 1.6% relative standard error.</summary>
    public const int DefaultLgK = 12;

    /// <summary>The smallest lgK accepted.</summary>
    public const int MinLgK = 4;

    /// <summary>The largest lgK accepted.</summary>
    public const int MaxLgK = 18;

    /// <summary>The XxHash3 seed; part of the format: sketches are comparable only with the same seed.</summary>
    public const long HashSeed = 0x5669_6769_6C48_4C4C; // "VigilHLL"

    private static readonly long CanonicalNaNBits = BitConverter.DoubleToInt64Bits(double.NaN);

    private readonly byte[] _registers;
    private readonly ulong _sentinel;

    /// <summary>Creates an empty sketch with 2^<paramref name="lgK"/> registers.</summary>
    /// <param name="lgK">log2 of the number of registers, in [4, 18].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lgK"/> is outside [4, 18].</exception>
    public HyperLogLog(int lgK = DefaultLgK)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lgK, MinLgK);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lgK, MaxLgK);
        LgK = lgK;
        _registers = new byte[1 << lgK];
        _sentinel = 1UL << (lgK - 1);
    }

    /// <summary>log2 of the number of registers.</summary>
    public int LgK { get; }

    /// <summary>The relative standard error 1.04 / √(2^lgK) (1.6% for lgK = 12).</summary>
    public double RelativeStandardError => 1.04 / Math.Sqrt(_registers.Length);

    /// <summary>The largest register value, 65 − lgK (all 64 − lgK rank bits zero).</summary>
    internal int MaxRegisterValue => 65 - LgK;

    internal byte[] Registers => _registers;

    /// <summary>Adds a number.</summary>
    /// <param name="value">Any double; −0.0 counts as 0.0 and all NaNs as one value.</param>
    public void Update(double value)
    {
        if (value == 0)
        {
            value = 0.0;
        }

        var bits = double.IsNaN(value) ? CanonicalNaNBits : BitConverter.DoubleToInt64Bits(value);
        if (!BitConverter.IsLittleEndian)
        {
            bits = BinaryPrimitives.ReverseEndianness(bits);
        }

        UpdateHash(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(new ReadOnlySpan<long>(ref bits)), HashSeed));
    }

    /// <summary>Adds a string (its UTF-16 code units are hashed).</summary>
    /// <param name="value">The string's characters.</param>
    public void Update(ReadOnlySpan<char> value)
    {
        if (BitConverter.IsLittleEndian)
        {
            UpdateHash(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(value), HashSeed));
        }
        else
        {
            var units = MemoryMarshal.Cast<char, ushort>(value).ToArray();
            BinaryPrimitives.ReverseEndianness(units, units);
            UpdateHash(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(units.AsSpan()), HashSeed));
        }
    }

    /// <summary>Takes the register-wise maximum with <paramref name="other"/>: this becomes the sketch of both streams.</summary>
    /// <param name="other">A sketch with the same lgK (not modified).</param>
    /// <exception cref="ArgumentException">The lgK values differ.</exception>
    public void Merge(HyperLogLog other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.LgK != LgK)
        {
            throw new ArgumentException($"Cannot merge a HyperLogLog with lgK {other.LgK} into one with lgK {LgK}.", nameof(other));
        }

        var mine = _registers.AsSpan();
        var theirs = other._registers.AsSpan();
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= mine.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                Vector.Max(new Vector<byte>(mine[i..]), new Vector<byte>(theirs[i..])).CopyTo(mine[i..]);
            }
        }

        for (; i < mine.Length; i++)
        {
            mine[i] = Math.Max(mine[i], theirs[i]);
        }
    }

    /// <summary>The estimated number of distinct values (Ertl's improved raw estimator).</summary>
    /// <returns>The estimate, ≥ 0; 0 for an empty sketch.</returns>
    public double Estimate()
    {
        Span<int> histogram = stackalloc int[66];
        foreach (var register in _registers)
        {
            histogram[register]++;
        }

        double m = _registers.Length;
        var q = 64 - LgK;
        var z = m * Tau(1 - (histogram[q + 1] / m));
        for (var k = q; k >= 1; k--)
        {
            z = 0.5 * (z + histogram[k]);
        }

        z += m * Sigma(histogram[0] / m);
        return m * m / (2 * Math.Log(2) * z);
    }

    /// <summary>Writes the sketch in Vigil's HyperLogLog format, version 1 (identical registers give identical bytes).</summary>
    /// <param name="writer">The destination.</param>
    public void WriteTo(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        HyperLogLogFormat.Write(writer, this);
    }

    /// <summary>Reads a sketch written by <see cref="WriteTo"/>.</summary>
    /// <param name="reader">The source, positioned at the sketch.</param>
    /// <returns>The sketch.</returns>
    /// <exception cref="InvalidDataException">The data is truncated or inconsistent (bad lgK, register values above 65 − lgK, ...).</exception>
    public static HyperLogLog ReadFrom(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return HyperLogLogFormat.Read(reader);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void UpdateHash(ulong hash)
    {
        var index = (int)(hash >> (64 - LgK));
        // The sentinel caps the count of leading zeros at 64 − lgK, so ρ never exceeds 65 − lgK.
        var rank = (byte)(BitOperations.LeadingZeroCount((hash << LgK) | _sentinel) + 1);
        ref var register = ref _registers[index];
        if (rank > register)
        {
            register = rank;
        }
    }

    /// <summary>Ertl's σ(x) = x + Σ_{k≥1} x^(2^k) 2^(k−1): the correction for registers still at zero.</summary>
    private static double Sigma(double x)
    {
        if (x == 1)
        {
            return double.PositiveInfinity;
        }

        var y = 1.0;
        var z = x;
        double previous;
        do
        {
            x *= x;
            previous = z;
            z += x * y;
            y += y;
        }
        while (z != previous);
        return z;
    }

    /// <summary>Ertl's τ(x) = (1 − x − Σ_{k≥1} (1 − x^(2^−k))² 2^−k) / 3: the correction for saturated registers.</summary>
    private static double Tau(double x)
    {
        if (x == 0 || x == 1)
        {
            return 0;
        }

        var y = 1.0;
        var z = 1 - x;
        double previous;
        do
        {
            x = Math.Sqrt(x);
            previous = z;
            y *= 0.5;
            z -= (1 - x) * (1 - x) * y;
        }
        while (z != previous);
        return z / 3;
    }
}
