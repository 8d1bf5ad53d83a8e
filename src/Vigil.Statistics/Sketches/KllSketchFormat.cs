using System.Runtime.InteropServices;

namespace Vigil.Statistics.Sketches;

/// <summary>
/// The binary encoding of a <see cref="KllSketch"/> (see <see cref="KllSketch.WriteTo"/>) and its validating
/// reader. The reader trusts nothing: sizes are bounded by k's capacity and by what the stream can still hold
/// before anything is allocated, the level weights must add up to n, and the levels above 0 must be sorted.
/// </summary>
internal static class KllSketchFormat
{
    public const byte Version = 1;

    /// <summary>The decoded state; <c>Items</c> is the full buffer with the retained items packed at its end.</summary>
    public readonly record struct State(
        int K, ulong RngState, long N, double Min, double Max, int NumLevels, int[] Levels, double[] Items);

    public static void Write(
        BinaryWriter writer, int k, ulong rngState, long n, double min, double max, int numLevels, int[] levels, double[] items)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Version);
        writer.Write((ushort)k);
        writer.Write(rngState);
        writer.Write(n);
        if (n == 0)
        {
            return;
        }

        writer.Write(min);
        writer.Write(max);
        writer.Write((byte)numLevels);
        for (var level = 0; level < numLevels; level++)
        {
            writer.Write((uint)(levels[level + 1] - levels[level]));
        }

        var retained = items.AsSpan(levels[0], levels[numLevels] - levels[0]);
        if (BitConverter.IsLittleEndian)
        {
            writer.Write(MemoryMarshal.AsBytes(retained));
        }
        else
        {
            foreach (var item in retained)
            {
                writer.Write(item);
            }
        }
    }

    public static State Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            return ReadCore(reader);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("KLL sketch: the data ends before the sketch does (truncated).", e);
        }
    }

    private static State ReadCore(BinaryReader reader)
    {
        var version = reader.ReadByte();
        if (version != Version)
        {
            throw Invalid($"unsupported format version {version} (expected {Version}).");
        }

        int k = reader.ReadUInt16();
        if (k < KllSketch.MinK)
        {
            throw Invalid($"k = {k} is below the minimum {KllSketch.MinK}.");
        }

        var rngState = reader.ReadUInt64();
        var n = reader.ReadInt64();
        if (n < 0)
        {
            throw Invalid($"negative count n = {n}.");
        }

        if (n == 0)
        {
            return new State(k, rngState, 0, double.NaN, double.NaN, 1, [k, k], new double[k]);
        }

        var min = reader.ReadDouble();
        var max = reader.ReadDouble();
        if (!(double.IsFinite(min) && double.IsFinite(max) && min <= max))
        {
            throw Invalid($"min {min} and max {max} must be finite with min <= max.");
        }

        int numLevels = reader.ReadByte();
        if (numLevels is < 1 or > KllHelper.MaxLevels)
        {
            throw Invalid($"{numLevels} levels (expected 1 to {KllHelper.MaxLevels}).");
        }

        var capacity = KllHelper.TotalCapacity(k, numLevels);
        var sizes = new int[numLevels];
        long retained = 0;
        Int128 weight = 0;
        for (var level = 0; level < numLevels; level++)
        {
            var size = reader.ReadUInt32();
            retained += size;
            if (retained > capacity)
            {
                throw Invalid($"level sizes add up past the capacity {capacity} of k = {k} with {numLevels} levels.");
            }

            sizes[level] = (int)size;
            weight += (Int128)size << level;
        }

        if (retained == 0)
        {
            throw Invalid($"no retained items although n = {n}.");
        }

        if (numLevels > 1 && sizes[numLevels - 1] == 0)
        {
            throw Invalid("the top level is empty.");
        }

        if (weight != n)
        {
            throw Invalid($"the level weights add up to {weight}, not n = {n}.");
        }

        if (reader.BaseStream.CanSeek)
        {
            var remaining = reader.BaseStream.Length - reader.BaseStream.Position;
            if (remaining < retained * sizeof(double))
            {
                throw Invalid($"{retained} items announced but only {remaining} bytes remain (truncated).");
            }
        }

        var items = new double[capacity];
        var levels = new int[numLevels + 1];
        levels[0] = capacity - (int)retained;
        for (var level = 0; level < numLevels; level++)
        {
            levels[level + 1] = levels[level] + sizes[level];
            var previous = double.NegativeInfinity;
            for (var i = levels[level]; i < levels[level + 1]; i++)
            {
                var item = reader.ReadDouble();
                if (!(item >= min && item <= max))
                {
                    throw Invalid($"item {item} on level {level} lies outside [min, max] = [{min}, {max}].");
                }

                if (level > 0 && item < previous)
                {
                    throw Invalid($"level {level} is not sorted.");
                }

                items[i] = item;
                previous = item;
            }
        }

        return new State(k, rngState, n, min, max, numLevels, levels, items);
    }

    private static InvalidDataException Invalid(string problem) => new("KLL sketch: " + problem);
}
