using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Vigil.Statistics.Sketches;

/// <summary>
/// The exact sum of finite doubles, held as a signed fixed-point integer in units of 2^-1074 split into 32-bit
/// chunks (R. M. Neal, "Fast exact summation using small and large superaccumulators", 2015).
/// </summary>
/// <remarks>
/// Adding is exact, so the total does not depend on the order of the terms: sketches merged in any order hold the
/// same bits, and <see cref="Value"/> is the correctly rounded (ties to even) double of the exact total. A term
/// touches two chunks and moves each by less than 2^52, so a long chunk absorbs at least <see cref="CarryInterval"/>
/// terms; the caller runs <see cref="PropagateCarries"/> at least that often (the hot path keeps no counter).
/// </remarks>
internal sealed class ExactSum
{
    /// <summary>Chunks of 32 bits from 2^-1074 up to 2^(69·32 − 1074) = 2^1134, above long.MaxValue · double.MaxValue.</summary>
    public const int ChunkCount = 69;

    /// <summary>The most terms <see cref="Add(double)"/> may take between two <see cref="PropagateCarries"/>.</summary>
    public const int CarryInterval = 1023;

    private const int ChunkBits = 32;
    private const long ChunkMask = 0xFFFF_FFFF;

    private readonly long[] _chunks = new long[ChunkCount];

    /// <summary>Adds a finite <paramref name="value"/> exactly (see <see cref="CarryInterval"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponent = (int)(bits >> 52) & 0x7FF;
        var mantissa = bits & 0xF_FFFF_FFFF_FFFF;
        var shift = 0;
        if (exponent != 0)
        {
            mantissa |= 1L << 52;
            shift = exponent - 1;
        }

        var sign = bits >> 63;
        var low = shift & 31;
        var lowPart = (mantissa << low) & ChunkMask;
        var highPart = mantissa >> (ChunkBits - low);

        // shift >> 5 ≤ 63, so both chunks exist: skip the bounds checks on the hot path.
        ref var chunk = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_chunks), shift >> 5);
        chunk += (lowPart ^ sign) - sign;
        Unsafe.Add(ref chunk, 1) += (highPart ^ sign) - sign;
    }

    /// <summary>Propagates the carries so that <see cref="CarryInterval"/> more terms can be added.</summary>
    public void PropagateCarries() => Normalize(_chunks);

    /// <summary>Adds the exact total of <paramref name="other"/> (which is left unchanged; it may be this instance).</summary>
    public void Add(ExactSum other)
    {
        Span<long> copy = stackalloc long[ChunkCount];
        other._chunks.CopyTo(copy);
        Normalize(copy);
        Normalize(_chunks);
        for (var i = 0; i < ChunkCount; i++)
        {
            _chunks[i] += copy[i];
        }

        Normalize(_chunks);
    }

    /// <summary>The exact total rounded to the nearest double (ties to even); ±infinity beyond the double range.</summary>
    public double Value
    {
        get
        {
            Span<long> m = stackalloc long[ChunkCount];
            var negative = Magnitude(m);
            var top = ChunkCount - 1;
            while (top >= 0 && m[top] == 0)
            {
                top--;
            }

            if (top < 0)
            {
                return 0.0;
            }

            var bitLength = (top * ChunkBits) + 64 - BitOperations.LeadingZeroCount((ulong)m[top]);
            double result;
            if (bitLength <= 53)
            {
                var exact = top == 0 ? m[0] : (m[1] << ChunkBits) | m[0];
                result = Math.ScaleB(exact, -1074);
            }
            else
            {
                var below = bitLength - 64;
                var top64 = BitsFrom(m, below, out var sticky);
                var mantissa = top64 >> 11;
                var rest = top64 & 0x7FF;
                if (rest > 0x400 || (rest == 0x400 && (sticky || (mantissa & 1) == 1)))
                {
                    mantissa++;
                }

                result = Math.ScaleB(mantissa, below + 11 - 1074);
            }

            return negative ? -result : result;
        }
    }

    /// <summary>Writes the canonical form: chunk count, lowest chunk, sign, then the magnitude's 32-bit chunks.</summary>
    public void WriteTo(BinaryWriter writer)
    {
        Span<long> m = stackalloc long[ChunkCount];
        var negative = Magnitude(m);
        var lo = 0;
        while (lo < ChunkCount && m[lo] == 0)
        {
            lo++;
        }

        if (lo == ChunkCount)
        {
            writer.Write((byte)0);
            return;
        }

        var hi = ChunkCount - 1;
        while (m[hi] == 0)
        {
            hi--;
        }

        writer.Write((byte)(hi - lo + 1));
        writer.Write((byte)lo);
        writer.Write(negative ? (byte)1 : (byte)0);
        for (var i = lo; i <= hi; i++)
        {
            writer.Write((uint)m[i]);
        }
    }

    /// <summary>Reads the form written by <see cref="WriteTo"/>; non-canonical data throws <see cref="InvalidDataException"/>.</summary>
    public static ExactSum ReadFrom(BinaryReader reader)
    {
        var sum = new ExactSum();
        int count = reader.ReadByte();
        if (count == 0)
        {
            return sum;
        }

        int lo = reader.ReadByte();
        int sign = reader.ReadByte();
        if (lo + count > ChunkCount || sign > 1)
        {
            throw new InvalidDataException($"Invalid exact sum layout (chunks {lo}..{lo + count - 1}, sign {sign}).");
        }

        for (var i = lo; i < lo + count; i++)
        {
            sum._chunks[i] = reader.ReadUInt32();
        }

        if (sum._chunks[lo] == 0 || sum._chunks[lo + count - 1] == 0)
        {
            throw new InvalidDataException("Exact sum chunks are not in canonical form.");
        }

        if (sign == 1)
        {
            for (var i = lo; i < lo + count; i++)
            {
                sum._chunks[i] = -sum._chunks[i];
            }
        }

        return sum;
    }

    /// <summary>Copies the total's magnitude into <paramref name="magnitude"/> as 32-bit digits; returns true when negative.</summary>
    private bool Magnitude(Span<long> magnitude)
    {
        _chunks.CopyTo(magnitude);
        Normalize(magnitude);
        if (magnitude[ChunkCount - 1] >= 0)
        {
            return false;
        }

        for (var i = 0; i < ChunkCount; i++)
        {
            magnitude[i] = -magnitude[i];
        }

        Normalize(magnitude);
        return true;
    }

    /// <summary>Propagates carries so chunks 0..67 lie in [0, 2^32) and the top chunk carries the sign.</summary>
    private static void Normalize(Span<long> chunks)
    {
        long carry = 0;
        for (var i = 0; i < ChunkCount - 1; i++)
        {
            var v = chunks[i] + carry;
            carry = v >> ChunkBits;
            chunks[i] = v & ChunkMask;
        }

        chunks[ChunkCount - 1] += carry;
    }

    /// <summary>The 64 bits of the magnitude starting at bit <paramref name="start"/>; <paramref name="sticky"/> when any lower bit is set.</summary>
    private static ulong BitsFrom(ReadOnlySpan<long> m, int start, out bool sticky)
    {
        var chunk = start >> 5;
        var offset = start & 31;
        UInt128 window = 0;
        for (var i = Math.Min(chunk + 2, ChunkCount - 1); i >= chunk; i--)
        {
            window = (window << ChunkBits) | (ulong)m[i];
        }

        sticky = (m[chunk] & ((1L << offset) - 1)) != 0;
        for (var i = 0; i < chunk && !sticky; i++)
        {
            sticky = m[i] != 0;
        }

        return (ulong)(window >> offset);
    }
}
