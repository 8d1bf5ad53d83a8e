namespace Vigil.Statistics.Sketches;

/// <summary>
/// Sorts the runs that KLL's lazy compaction sorts on level 0 before halving them. Most are 8 to 16 items,
/// sorted in place by Batcher's odd-even merge sorting network: every comparator is a branch-free min / max
/// pair, so random data costs no branch mispredictions, which dominate a comparison sort at these sizes.
/// Longer runs (up to about k) are sorted in blocks of 16 by the network, then merged bottom-up with the
/// branch-free two-ended merge of <see cref="KllHelper.MergeSortedBidirectional"/>.
/// </summary>
/// <remarks>
/// Network: K. E. Batcher, "Sorting networks and their applications" (1968), built for the next power of two
/// (19, 63, 191 comparators for 8, 16, 32 inputs) and pruned to the run length: padding the run with +infinity
/// would leave every pad in place (a comparator puts its minimum on the lower index), so the comparators that
/// touch a pad are no-ops and are dropped. Inputs must not be NaN (the sketch rejects NaN), since the native
/// min / max instructions do not order it; -0.0 and +0.0 compare equal and may come out in either order.
/// </remarks>
internal static class KllRunSort
{
    /// <summary>Longest run sorted by a network alone.</summary>
    public const int MaxSize = 32;

    private const int BlockSize = 16;

    private static readonly byte[][] Networks = BuildAll();

    /// <summary>Sorts <c>buf[start .. start + length)</c> ascending; <paramref name="scratch"/> grows when a long run needs it.</summary>
    public static void Sort(double[] buf, int start, int length, ref double[] scratch)
    {
        if (length <= MaxSize)
        {
            SortShort(buf, start, length);
            return;
        }

        for (var block = 0; block < length; block += BlockSize)
        {
            SortShort(buf, start + block, Math.Min(BlockSize, length - block));
        }

        for (var width = BlockSize; width < length; width *= 2)
        {
            for (var lo = 0; lo + width < length; lo += 2 * width)
            {
                KllHelper.MergeSortedBidirectional(buf, start + lo, width, start + lo + width, Math.Min(width, length - lo - width), ref scratch);
            }
        }
    }

    private static void SortShort(double[] buf, int start, int length)
    {
        var network = Networks[length];
        var run = buf.AsSpan(start, length);
        for (var c = 0; c < network.Length; c += 2)
        {
            int i = network[c], j = network[c + 1];
            double a = run[i], b = run[j];
            run[i] = double.MinNative(a, b);
            run[j] = double.MaxNative(a, b);
        }
    }

    /// <summary>The comparators for <paramref name="length"/> inputs as consecutive (low, high) index pairs.</summary>
    internal static ReadOnlySpan<byte> Network(int length) => Networks[length];

    private static byte[][] BuildAll()
    {
        var networks = new byte[MaxSize + 1][];
        for (var n = 0; n <= MaxSize; n++)
        {
            networks[n] = Build(n);
        }

        return networks;
    }

    // Iterative Batcher odd-even merge sort for the next power of two, keeping the comparators inside [0, n).
    private static byte[] Build(int n)
    {
        var size = 1;
        while (size < n)
        {
            size <<= 1;
        }

        var pairs = new List<byte>();
        for (var p = 1; p < size; p <<= 1)
        {
            for (var k = p; k >= 1; k >>= 1)
            {
                for (var j = k % p; j + k < size; j += 2 * k)
                {
                    for (var i = 0; i < Math.Min(k, size - j - k); i++)
                    {
                        if ((i + j) / (2 * p) == (i + j + k) / (2 * p) && i + j + k < n)
                        {
                            pairs.Add((byte)(i + j));
                            pairs.Add((byte)(i + j + k));
                        }
                    }
                }
            }
        }

        return [.. pairs];
    }
}
