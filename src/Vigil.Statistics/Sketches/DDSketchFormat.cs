namespace Vigil.Statistics.Sketches;

/// <summary>
/// Vigil's binary format for <see cref="DDSketch"/>, version 1 (little-endian):
/// magic "DD", version byte; relative accuracy (double); bin limit (7-bit varint); count (varint); when the count is
/// positive, min and max (doubles); zero count (varint); the exact sum (<see cref="ExactSum.WriteTo"/>); then the
/// positive and the negative store, each as bin count (varint, 0 when empty), lowest bin index (int32) and one varint
/// count per bin from the lowest to the highest non-empty bin.
/// </summary>
internal static class DDSketchFormat
{
    private const byte Magic0 = (byte)'D';
    private const byte Magic1 = (byte)'D';
    private const byte Version = 1;

    public static void Write(BinaryWriter writer, DDSketch sketch)
    {
        SketchSerialization.WriteHeader(writer, Magic0, Magic1, Version);
        writer.Write(sketch.RelativeAccuracy);
        writer.Write7BitEncodedInt(sketch.MaxBins);
        writer.Write7BitEncodedInt64(sketch.Count);
        if (sketch.Count > 0)
        {
            writer.Write(sketch.Min);
            writer.Write(sketch.Max);
        }

        writer.Write7BitEncodedInt64(sketch.ZeroCount);
        sketch.ExactSum.WriteTo(writer);
        WriteStore(writer, sketch.PositiveStore);
        WriteStore(writer, sketch.NegativeStore);
    }

    public static DDSketch Read(BinaryReader reader)
    {
        try
        {
            SketchSerialization.ReadHeader(reader, Magic0, Magic1, Version, "DDSketch");
            var alpha = reader.ReadDouble();
            if (!(alpha >= DDSketch.MinRelativeAccuracy && alpha < 1))
            {
                throw new InvalidDataException($"DDSketch relative accuracy {alpha} is outside [{DDSketch.MinRelativeAccuracy}, 1).");
            }

            var maxBins = (int)SketchSerialization.ReadVarLong(reader, DDSketch.MaxBinsLimit, "DDSketch bin limit");
            if (maxBins < 1)
            {
                throw new InvalidDataException("DDSketch bin limit must be at least 1.");
            }

            var sketch = new DDSketch(alpha, maxBins);
            var count = SketchSerialization.ReadVarLong(reader, long.MaxValue, "DDSketch count");
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            if (count > 0)
            {
                min = reader.ReadDouble();
                max = reader.ReadDouble();
                if (!(double.IsFinite(min) && double.IsFinite(max) && min <= max))
                {
                    throw new InvalidDataException($"DDSketch min {min} and max {max} are not finite and ordered.");
                }
            }

            var zeroCount = SketchSerialization.ReadVarLong(reader, count, "DDSketch zero count");
            var sum = ExactSum.ReadFrom(reader);
            ReadStore(reader, sketch, sketch.PositiveStore);
            ReadStore(reader, sketch, sketch.NegativeStore);
            sketch.SetSummary(count, zeroCount, min, max, sum);
            Validate(sketch);
            return sketch;
        }
        catch (Exception e) when (SketchSerialization.IsMalformedInput(e))
        {
            throw new InvalidDataException("Truncated or malformed DDSketch.", e);
        }
    }

    private static void WriteStore(BinaryWriter writer, CollapsingLowestDenseStore store)
    {
        var bins = store.NonEmptyRange(out var lowest);
        writer.Write7BitEncodedInt(bins.Length);
        if (bins.Length > 0)
        {
            writer.Write(lowest);
            SketchSerialization.WriteVarLongs(writer, bins);
        }
    }

    private static void ReadStore(BinaryReader reader, DDSketch sketch, CollapsingLowestDenseStore store)
    {
        var bins = SketchSerialization.ReadCount(reader, store.MaxBins, 1, "DDSketch bin count");
        if (bins == 0)
        {
            return;
        }

        var lowest = reader.ReadInt32();
        var minAllowed = (long)sketch.Index(sketch.MinIndexableValue) - 1;
        var maxAllowed = (long)sketch.Index(double.MaxValue) + 1;
        if (lowest < minAllowed || (long)lowest + bins - 1 > maxAllowed)
        {
            throw new InvalidDataException($"DDSketch bins {lowest}..{(long)lowest + bins - 1} are outside the mapping's range [{minAllowed}, {maxAllowed}].");
        }

        for (var i = 0; i < bins; i++)
        {
            var count = SketchSerialization.ReadVarLong(reader, long.MaxValue, "DDSketch bin count");
            if (count == 0 && (i == 0 || i == bins - 1))
            {
                throw new InvalidDataException("DDSketch store does not start and end with a non-empty bin.");
            }

            if (count > 0)
            {
                store.Add(lowest + i, count);
            }
        }
    }

    private static void Validate(DDSketch sketch)
    {
        var positive = sketch.PositiveStore;
        var negative = sketch.NegativeStore;
        var tiny = sketch.MinIndexableValue;
        var stored = checked(positive.TotalCount + negative.TotalCount + sketch.ZeroCount);
        if (stored != sketch.Count)
        {
            throw new InvalidDataException($"DDSketch bins hold {stored} values but the count is {sketch.Count}.");
        }

        if (sketch.Count == 0)
        {
            if (sketch.Sum != 0)
            {
                throw new InvalidDataException("An empty DDSketch has a non-zero sum.");
            }

            return;
        }

        // The highest bin of each store is never collapsed: it is the bin of the largest magnitude (pure arithmetic
        // mapping, so the same on every platform).
        var (min, max) = (sketch.Min, sketch.Max);
        var consistent =
            (positive.IsEmpty ? max <= tiny : max > tiny && sketch.Index(max) == positive.MaxIndex)
            && (negative.IsEmpty ? min >= -tiny : min < -tiny && sketch.Index(-min) == negative.MaxIndex)
            && (sketch.ZeroCount == 0 || (min <= tiny && max >= -tiny));
        if (!consistent)
        {
            throw new InvalidDataException($"DDSketch min {min} and max {max} do not match its bins.");
        }

        // The exact sum lies in [n min, n max]; rounding is monotone, so the rounded values keep that order.
        var n = (double)sketch.Count;
        var sum = sketch.Sum;
        if (sketch.Count <= 1L << 53 && !(sum >= n * min && sum <= n * max))
        {
            throw new InvalidDataException($"DDSketch sum {sum} is outside [count × min, count × max].");
        }
    }
}
