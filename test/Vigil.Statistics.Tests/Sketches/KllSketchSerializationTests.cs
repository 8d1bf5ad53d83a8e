using System.Buffers.Binary;
using Vigil.Statistics.Sketches;
using static Vigil.Statistics.Tests.Sketches.KllSketchTests;
using static Vigil.Statistics.Tests.Sketches.SketchTestData;

namespace Vigil.Statistics.Tests.Sketches;

public class KllSketchSerializationTests
{
    // Layout: version (1), k (2), generator state (8), n (8) | min (8), max (8), levels (1), sizes (4 each), items.
    private const int NOffset = 11;
    private const int NumLevelsOffset = 35;
    private const int SizesOffset = 36;

    public static TheoryData<string> States => ["empty", "one", "exact", "estimation", "merged", "small-k"];

    [Theory]
    [MemberData(nameof(States))]
    public void WriteRead_RoundTrip_ByteIdenticalAndSameAnswers(string state)
    {
        var sketch = Make(state);
        var bytes = Bytes(sketch);
        var restored = Read(bytes);

        Assert.Equal(bytes, Bytes(restored));
        Assert.Equal(sketch.Count, restored.Count);
        Assert.Equal(sketch.K, restored.K);
        Assert.Equal(sketch.RetainedItems, restored.RetainedItems);
        Assert.Equal(sketch.Min, restored.Min);
        Assert.Equal(sketch.Max, restored.Max);
        Assert.Equal(sketch.SortedView().Values, restored.SortedView().Values);
        Assert.Equal(sketch.SortedView().CumulativeWeights, restored.SortedView().CumulativeWeights);
    }

    [Theory]
    [MemberData(nameof(States))]
    public void WriteRead_ThenSameUpdates_ByteIdentical(string state)
    {
        var sketch = Make(state);
        var restored = Read(Bytes(sketch));
        var more = Generate(Normal, 30_000, seed: 77);
        sketch.Update(more);
        restored.Update(more);

        Assert.Equal(Bytes(sketch), Bytes(restored)); // the coin-flip generator state travels with the sketch
    }

    [Fact]
    public void WriteTo_Sizes()
    {
        Assert.Equal(19, Bytes(new KllSketch()).Length);
        Assert.Equal(19 + 17 + 4 + 8, Bytes(Sketch([1.5], 0)).Length);
        var estimation = Make("estimation");
        Assert.Equal(19 + 17 + (4 * estimation.NumLevels) + (8 * estimation.RetainedItems), Bytes(estimation).Length);
    }

    [Theory]
    [MemberData(nameof(States))]
    public void ReadFrom_EveryTruncation_ThrowsInvalidData(string state)
    {
        var bytes = Bytes(Make(state));
        for (var length = 0; length < bytes.Length; length++)
        {
            var truncated = bytes[..length];
            Assert.Throws<InvalidDataException>(() => Read(truncated));
            Assert.Throws<InvalidDataException>(() => ReadNonSeekable(truncated));
        }
    }

    [Fact]
    public void ReadFrom_FlippedBytesInCounts_ThrowsInvalidData()
    {
        var bytes = Bytes(Make("estimation"));
        var numLevels = bytes[NumLevelsOffset];
        var countBytes = Enumerable.Range(NOffset, 8).Append(NumLevelsOffset).Concat(Enumerable.Range(SizesOffset, 4 * numLevels));
        foreach (var position in countBytes)
        {
            foreach (var mask in (byte[])[0x01, 0x02, 0x10, 0x80, 0xFF])
            {
                var corrupted = (byte[])bytes.Clone();
                corrupted[position] ^= mask;
                Assert.Throws<InvalidDataException>(() => Read(corrupted));
                Assert.Throws<InvalidDataException>(() => ReadNonSeekable(corrupted));
            }
        }
    }

    [Fact]
    public void ReadFrom_RandomCorruption_ThrowsOnlyInvalidDataOrReadsAValidSketch()
    {
        var bytes = Bytes(Make("merged"));
        var random = new Random(5);
        for (var trial = 0; trial < 3000; trial++)
        {
            var corrupted = (byte[])bytes.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                corrupted[random.Next(corrupted.Length)] ^= (byte)random.Next(1, 256);
            }

            try
            {
                var sketch = Read(corrupted);
                Assert.Equal(sketch.Count, sketch.SortedView().CumulativeWeights[^1]); // whatever was read is consistent
            }
            catch (InvalidDataException)
            {
            }
        }
    }

    [Fact]
    public void ReadFrom_BadHeader_ThrowsInvalidDataNamingTheProblem()
    {
        var bytes = Bytes(Make("estimation"));

        var version = (byte[])bytes.Clone();
        version[0] = 2;
        Assert.Contains("version", Assert.Throws<InvalidDataException>(() => Read(version)).Message);

        var smallK = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(smallK.AsSpan(1), 7);
        Assert.Contains("k = 7", Assert.Throws<InvalidDataException>(() => Read(smallK)).Message);

        var negative = (byte[])bytes.Clone();
        BinaryPrimitives.WriteInt64LittleEndian(negative.AsSpan(NOffset), -5);
        Assert.Contains("negative", Assert.Throws<InvalidDataException>(() => Read(negative)).Message);

        var noLevels = (byte[])bytes.Clone();
        noLevels[NumLevelsOffset] = 0;
        Assert.Contains("levels", Assert.Throws<InvalidDataException>(() => Read(noLevels)).Message);

        var minAboveMax = (byte[])bytes.Clone();
        BinaryPrimitives.WriteDoubleLittleEndian(minAboveMax.AsSpan(19), 1e300);
        Assert.Contains("min", Assert.Throws<InvalidDataException>(() => Read(minAboveMax)).Message);
    }

    [Fact]
    public void ReadFrom_HugeLevelSize_RejectedBeforeAllocating()
    {
        var bytes = Bytes(Make("exact"));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(SizesOffset), uint.MaxValue);
        var e = Assert.Throws<InvalidDataException>(() => ReadNonSeekable(bytes));
        Assert.Contains("capacity", e.Message);
    }

    [Fact]
    public void ReadFrom_ItemsInconsistent_ThrowsInvalidData()
    {
        var sketch = Make("estimation");
        var bytes = Bytes(sketch);
        var items = SizesOffset + (4 * sketch.NumLevels);
        var levelZero = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(SizesOffset));

        var nan = (byte[])bytes.Clone();
        BinaryPrimitives.WriteDoubleLittleEndian(nan.AsSpan(items), double.NaN);
        Assert.Contains("outside", Assert.Throws<InvalidDataException>(() => Read(nan)).Message);

        var beyondMax = (byte[])bytes.Clone();
        BinaryPrimitives.WriteDoubleLittleEndian(beyondMax.AsSpan(items), sketch.Max + 1);
        Assert.Throws<InvalidDataException>(() => Read(beyondMax));

        // Swap two distinct neighbours on a level above 0, which must stay sorted.
        var (level, start) = (1, items + (8 * levelZero));
        var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(SizesOffset + 4));
        while (size < 2 || BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(start)) == BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(start + 8)))
        {
            start += 8 * size;
            level++;
            size = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(SizesOffset + (4 * level)));
        }

        var unsorted = (byte[])bytes.Clone();
        unsorted.AsSpan(start, 8).CopyTo(unsorted.AsSpan(start + 8));
        bytes.AsSpan(start + 8, 8).CopyTo(unsorted.AsSpan(start));
        Assert.Contains($"level {level} is not sorted", Assert.Throws<InvalidDataException>(() => Read(unsorted)).Message);
    }

    [Fact]
    public void ReadFrom_EmbeddedInALargerStream_ReadsExactlyItsBytes()
    {
        var a = Make("estimation");
        var b = Make("exact");
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            a.WriteTo(writer);
            b.WriteTo(writer);
            writer.Write(12345);
        }

        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        Assert.Equal(Bytes(a), Bytes(KllSketch.ReadFrom(reader)));
        Assert.Equal(Bytes(b), Bytes(KllSketch.ReadFrom(reader)));
        Assert.Equal(12345, reader.ReadInt32());
    }

    private static KllSketch Make(string state)
    {
        switch (state)
        {
            case "empty":
                return new KllSketch(seed: 3);
            case "one":
                return Sketch([2.5], seed: 3);
            case "exact":
                return Sketch(Generate(Tied, 200, seed: 1), seed: 3);
            case "estimation":
                return Sketch(Generate(Normal, 100_000, seed: 2), seed: 3);
            case "merged":
                var merged = Sketch(Generate(Pareto, 40_000, seed: 3), seed: 3);
                merged.Merge(Sketch(Generate(Uniform, 70_000, seed: 4), seed: 4));
                return merged;
            default:
                return Sketch(Generate(LogNormal, 20_000, seed: 5), seed: 3, k: 8);
        }
    }

    private static KllSketch Read(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes));
        return KllSketch.ReadFrom(reader);
    }

    private static KllSketch ReadNonSeekable(byte[] bytes)
    {
        using var reader = new BinaryReader(new NonSeekableStream(bytes));
        return KllSketch.ReadFrom(reader);
    }
}
