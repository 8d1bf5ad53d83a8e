namespace Vigil.Statistics.Sketches;

/// <summary>
/// Vigil's binary format for <see cref="FrequentItemsSketch"/>, version 1: magic "FI", version byte; varints k, total
/// count, maximum error and number of items; then the items in <see cref="FrequentItemsSketch.Items"/> order (estimate
/// descending, then ordinal label), each as a label (<see cref="SketchSerialization.WriteLabel"/>) and a varint counter.
/// </summary>
internal static class FrequentItemsFormat
{
    private const byte Magic0 = (byte)'F';
    private const byte Magic1 = (byte)'I';
    private const byte Version = 1;

    public static void Write(BinaryWriter writer, FrequentItemsSketch sketch)
    {
        var items = sketch.Items();
        SketchSerialization.WriteHeader(writer, Magic0, Magic1, Version);
        writer.Write7BitEncodedInt(sketch.MaxItems);
        writer.Write7BitEncodedInt64(sketch.TotalCount);
        writer.Write7BitEncodedInt64(sketch.MaximumError);
        writer.Write7BitEncodedInt(items.Count);
        foreach (var item in items)
        {
            SketchSerialization.WriteLabel(writer, item.Item);
            writer.Write7BitEncodedInt64(item.Estimate);
        }
    }

    public static FrequentItemsSketch Read(BinaryReader reader)
    {
        try
        {
            SketchSerialization.ReadHeader(reader, Magic0, Magic1, Version, "frequent-items sketch");
            var maxItems = (int)SketchSerialization.ReadVarLong(reader, FrequentItemsSketch.MaxItemsLimit, "frequent-items k");
            if (maxItems < 1)
            {
                throw new InvalidDataException("Frequent-items k must be at least 1.");
            }

            var total = SketchSerialization.ReadVarLong(reader, long.MaxValue, "frequent-items total count");
            var error = SketchSerialization.ReadVarLong(reader, total, "frequent-items maximum error");
            var count = SketchSerialization.ReadCount(reader, maxItems, 2, "frequent-items item count");
            var items = new List<(string Label, long Counter)>(Math.Min(count, 1024));
            var sum = error;
            var labels = new HashSet<string>(StringComparer.Ordinal);
            FrequentItem previous = default;
            for (var i = 0; i < count; i++)
            {
                var label = SketchSerialization.ReadLabel(reader);
                var counter = SketchSerialization.ReadVarLong(reader, total, "frequent-items counter");
                var item = new FrequentItem(label, counter, counter, counter);
                if (counter == 0 || (i > 0 && FrequentItemsSketch.CompareItems(previous, item) >= 0) || !labels.Add(label))
                {
                    throw new InvalidDataException($"Frequent-items entry {i} has a zero counter, is out of order, or repeats a label.");
                }

                sum = checked(sum + counter);
                items.Add((label, counter));
                previous = item;
            }

            // Every reduction removes at least as much weight as it adds to the error.
            if (sum > total)
            {
                throw new InvalidDataException($"Frequent-items counters plus error ({sum}) exceed the total count {total}.");
            }

            var sketch = new FrequentItemsSketch(maxItems);
            sketch.Restore(total, error, items);
            return sketch;
        }
        catch (Exception e) when (SketchSerialization.IsMalformedInput(e))
        {
            throw new InvalidDataException("Truncated or malformed frequent-items sketch.", e);
        }
    }
}
