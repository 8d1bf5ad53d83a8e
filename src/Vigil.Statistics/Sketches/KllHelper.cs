namespace Vigil.Statistics.Sketches;

/// <summary>
/// Level arithmetic and the compaction primitives of the KLL sketch, following Apache DataSketches'
/// <c>KllHelper</c> / <c>kll_helper</c> (capacities decaying by 2/3 per level with a floor of
/// <see cref="MinLevelCapacity"/>, random halving, in-place merges and the general compress used by merge).
/// </summary>
internal static class KllHelper
{
    /// <summary>DataSketches' <c>m</c>: the smallest capacity of any level.</summary>
    public const int MinLevelCapacity = 8;

    /// <summary>Most levels a sketch may have: items on the top one weigh 2^61, so weights and n stay within <see cref="long"/>.</summary>
    public const int MaxLevels = 62;

    private static readonly ulong[] PowersOfThree = BuildPowersOfThree();

    /// <summary>Capacity of level <paramref name="height"/> in a sketch of <paramref name="numLevels"/> levels: max(m, round(k (2/3)^depth)).</summary>
    public static int LevelCapacity(int k, int numLevels, int height)
    {
        var depth = numLevels - height - 1;
        return Math.Max(MinLevelCapacity, IntCapAux(k, depth));
    }

    /// <summary>Sum of the level capacities of a sketch with <paramref name="numLevels"/> levels (its item buffer length).</summary>
    public static int TotalCapacity(int k, int numLevels)
    {
        var total = 0;
        for (var h = 0; h < numLevels; h++)
        {
            total += LevelCapacity(k, numLevels, h);
        }

        return total;
    }

    /// <summary>The capacity of each level (index = height) of a sketch with <paramref name="numLevels"/> levels.</summary>
    public static int[] LevelCapacities(int k, int numLevels)
    {
        var capacities = new int[numLevels];
        for (var h = 0; h < numLevels; h++)
        {
            capacities[h] = LevelCapacity(k, numLevels, h);
        }

        return capacities;
    }

    /// <summary>An upper bound on the number of levels for <paramref name="n"/> items: 1 + floor(log2 n).</summary>
    public static int UpperBoundOnNumLevels(long n) => n <= 0 ? 1 : 1 + (63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)n));

    /// <summary>Keeps the even (offset 0) or odd (offset 1) items of a sorted run, packed at its start.</summary>
    public static void HalveDown(double[] buf, int start, int length, int offset)
    {
        var half = length / 2;
        var j = start + offset;
        for (var i = start; i < start + half; i++, j += 2)
        {
            buf[i] = buf[j];
        }
    }

    /// <summary>Keeps every other item of a sorted run, packed at its end.</summary>
    public static void HalveUp(double[] buf, int start, int length, int offset)
    {
        var half = length / 2;
        var j = start + length - 1 - offset;
        for (var i = start + length - 1; i >= start + half; i--, j -= 2)
        {
            buf[i] = buf[j];
        }
    }

    /// <summary>
    /// Merges the sorted runs [startA, startA + lenA) and [startB, startB + lenB) of one buffer into
    /// [startB - lenA, startB + lenB): run A lies below the output, which ends where run B ends, so the output
    /// never overtakes unread items of B and, once A is used up, the rest of B is already in place.
    /// Ties take A first. The loop is branch-free (the index to copy is selected arithmetically): merging
    /// random data with a branch mispredicts about every other step.
    /// </summary>
    public static void MergeSortedInPlace(double[] buf, int startA, int lenA, int startB, int lenB)
    {
        int a = startA, b = startB, c = startB - lenA;
        int limA = startA + lenA, limB = startB + lenB;
        while (a < limA && b < limB)
        {
            var takeB = buf[b] < buf[a] ? 1 : 0; // ties take A, as DataSketches
            buf[c++] = buf[a + ((b - a) & -takeB)];
            a += 1 - takeB;
            b += takeB;
        }

        while (a < limA)
        {
            buf[c++] = buf[a++];
        }
    }

    /// <summary>
    /// Same result as <see cref="MergeSortedInPlace"/> (ties take A first), for the update path and the run sort:
    /// both runs are first copied to <paramref name="scratch"/>, which lets the merge run from both ends at once.
    /// </summary>
    public static void MergeSortedBidirectional(double[] buf, int startA, int lenA, int startB, int lenB, ref double[] scratch)
    {
        var s = PrepareScratch(ref scratch, lenA, lenB);
        buf.AsSpan(startA, lenA).CopyTo(s.AsSpan(1));
        MergeFromScratch(buf, s, lenA, startB, lenB);
    }

    /// <summary>
    /// <see cref="HalveDown"/> then <see cref="MergeSortedBidirectional"/> in one pass: the kept half of the sorted
    /// run [start, start + length) is copied straight to the scratch buffer and merged into the level above,
    /// which starts at <c>start + length</c>; the result fills [start + length / 2, start + length + lenAbove).
    /// </summary>
    public static void HalveAndMergeUp(double[] buf, int start, int length, int offset, int lenAbove, ref double[] scratch)
    {
        var half = length / 2;
        var s = PrepareScratch(ref scratch, half, lenAbove);
        var kept = s.AsSpan(1, half);
        var run = buf.AsSpan(start + offset, length - offset);
        for (var i = 0; i < kept.Length; i++)
        {
            kept[i] = run[2 * i];
        }

        MergeFromScratch(buf, s, half, start + length, lenAbove);
    }

    // Scratch layout: -inf, A (lenA), +inf, -inf, B (lenB), +inf; the callers fill A, MergeFromScratch copies B.
    // The sentinels stop each side of the merge at the end of its run with no bounds tests.
    private static double[] PrepareScratch(ref double[] scratch, int lenA, int lenB)
    {
        var needed = lenA + lenB + 4;
        if (scratch.Length < needed)
        {
            scratch = new double[Math.Max(needed, 2 * scratch.Length)];
        }

        var s = scratch;
        s[0] = double.NegativeInfinity;
        s[lenA + 1] = double.PositiveInfinity;
        s[lenA + 2] = double.NegativeInfinity;
        s[lenA + lenB + 3] = double.PositiveInfinity;
        return s;
    }

    // Copies B (buf[startB, startB + lenB)) to the scratch, then writes the merge of the scratch's A and B to
    // buf[startB - lenA, startB + lenB): the smallest half from the front and the largest from the back, two
    // independent branch-free chains, which about halves this latency-bound loop. Ties keep A before B from
    // both ends, so the two halves never take the same item.
    private static void MergeFromScratch(double[] buf, double[] s, int lenA, int startB, int lenB)
    {
        var bBase = lenA + 2;
        buf.AsSpan(startB, lenB).CopyTo(s.AsSpan(bBase + 1));
        int aFront = 1, aBack = lenA, bFront = bBase + 1, bBack = bBase + lenB;
        int cFront = startB - lenA, cBack = startB + lenB - 1;
        var total = lenA + lenB;
        for (var i = total >> 1; i > 0; i--)
        {
            var takeB = s[bFront] < s[aFront] ? 1 : 0;
            buf[cFront++] = s[aFront + ((bFront - aFront) & -takeB)];
            aFront += 1 - takeB;
            bFront += takeB;

            var takeA = s[aBack] > s[bBack] ? 1 : 0;
            buf[cBack--] = s[bBack + ((aBack - bBack) & -takeA)];
            aBack -= takeA;
            bBack -= 1 - takeA;
        }

        if ((total & 1) != 0)
        {
            var takeB = s[bFront] < s[aFront] ? 1 : 0;
            buf[cFront] = s[aFront + ((bFront - aFront) & -takeB)];
        }
    }

    /// <summary>
    /// One fair coin flip from splitmix64 (Steele, Lea, Flood 2014): the state advances by the golden-ratio
    /// increment and the top bit of the mixed output is returned, so a seed fixes every compaction's offset.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int NextBit(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) >> 63);
    }

    private static int IntCapAux(int k, int depth)
    {
        if (depth <= 30)
        {
            return IntCapAuxAux(k, depth);
        }

        if (depth > 60)
        {
            return 0; // k (2/3)^60 < 1e-6 k: below the floor for every admissible k
        }

        var half = depth / 2;
        return IntCapAuxAux(IntCapAuxAux(k, half), depth - half);
    }

    // round(k * 2^depth / 3^depth), computed exactly in integers as DataSketches does.
    private static int IntCapAuxAux(int k, int depth)
    {
        var twoK = (ulong)k << 1;
        var tmp = (twoK << depth) / PowersOfThree[depth];
        return (int)((tmp + 1) >> 1);
    }

    private static ulong[] BuildPowersOfThree()
    {
        var powers = new ulong[31];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 3;
        }

        return powers;
    }
}
