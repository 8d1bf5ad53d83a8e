using Vigil.Statistics.Sketches;
using static Vigil.Statistics.Tests.Sketches.DDSketchTests;

namespace Vigil.Statistics.Tests.Sketches;

public class DDSketchSerializationTests
{
    // Offsets in the format: "DD", version, α (8 bytes), bin limit 2048 (2-byte varint), then the count varint.
    private const int CountOffset = 13;

    public static TheoryData<string> Families() => new(SketchSamples.FamilyNames);

    [Theory]
    [MemberData(nameof(Families))]
    public void ReadFrom_WrittenSketch_RoundTripsByteIdentically(string family)
    {
        var values = SketchSamples.Family(family, 10_000, seed: 2);
        var sketch = new DDSketch();
        sketch.Add(values);
        var bytes = Bytes(sketch);

        var read = SketchBytes.Read(bytes, DDSketch.ReadFrom);
        var readForwardOnly = SketchBytes.Read(bytes, DDSketch.ReadFrom, seekable: false);

        Assert.Equal(bytes, Bytes(read));
        Assert.Equal(bytes, Bytes(readForwardOnly));
        Assert.Equal(sketch.Sum, read.Sum);
        AssertAccurate(read, values, DDSketch.DefaultRelativeAccuracy, family);

        // A read sketch keeps working like the original.
        read.Add(values);
        sketch.Add(values);
        Assert.Equal(Bytes(sketch), Bytes(read));
    }

    [Fact]
    public void ReadFrom_EmptyAndCollapsed_RoundTrip()
    {
        var empty = Bytes(new DDSketch(0.05, 17));
        Assert.Equal(empty, Bytes(SketchBytes.Read(empty, DDSketch.ReadFrom)));

        var collapsed = new DDSketch(0.01, 32);
        collapsed.Add(SketchSamples.Family("pareto", 5000, seed: 3));
        var bytes = Bytes(collapsed);
        Assert.Equal(bytes, Bytes(SketchBytes.Read(bytes, DDSketch.ReadFrom)));
    }

    [Fact]
    public void ReadFrom_EveryTruncation_ThrowsInvalidData()
    {
        var sketch = new DDSketch();
        sketch.Add(SketchSamples.Family("mixed_sign", 300, seed: 4));

        SketchBytes.AssertEveryTruncationThrows(Bytes(sketch), DDSketch.ReadFrom);
    }

    [Fact]
    public void ReadFrom_CorruptedBytes_OnlyInvalidDataOrASketch()
    {
        var sketch = new DDSketch();
        sketch.Add(SketchSamples.Family("mixed_sign", 200, seed: 5));
        var bytes = Bytes(sketch);

        var rejected = SketchBytes.AssertCorruptionIsContained(bytes, DDSketch.ReadFrom);

        Assert.True(rejected > bytes.Length, $"only {rejected} of {3 * bytes.Length} corruptions were detected");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void ReadFrom_CorruptedCount_ThrowsInvalidData(int delta)
    {
        var sketch = new DDSketch();
        sketch.Add([1.0, 2.0, -3.0, 0.0, 5.0]);
        var bytes = Bytes(sketch);
        Assert.Equal(5, bytes[CountOffset]);

        bytes[CountOffset] = (byte)(5 + delta);

        Assert.Throws<InvalidDataException>(() => SketchBytes.Read(bytes, DDSketch.ReadFrom));
    }

    [Fact]
    public void ReadFrom_CorruptedBinCount_ThrowsInvalidData()
    {
        var sketch = new DDSketch();
        sketch.Add([10.0, 10.0, 10.0]);
        var bytes = Bytes(sketch);

        // The last byte is the single positive bin's count (3) ... followed by the empty negative store (0).
        Assert.Equal(3, bytes[^2]);
        bytes[^2] = 4;

        Assert.Throws<InvalidDataException>(() => SketchBytes.Read(bytes, DDSketch.ReadFrom));
    }

    [Fact]
    public void ReadFrom_HugeClaimedSizes_ThrowWithoutAllocating()
    {
        var bytes = SketchBytes.Of(w =>
        {
            w.Write((byte)'D');
            w.Write((byte)'D');
            w.Write((byte)1);
            w.Write(0.01);
            w.Write7BitEncodedInt(1 << 20);
            w.Write7BitEncodedInt64(long.MaxValue / 2);
            w.Write(1.0);
            w.Write(2.0);
            w.Write7BitEncodedInt64(0);
            w.Write((byte)0);
            w.Write7BitEncodedInt(1 << 20); // a million bins claimed, none present
            w.Write(0);
        });

        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<InvalidDataException>(() => SketchBytes.Read(bytes, DDSketch.ReadFrom));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 100_000);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void ReadFrom_BadRelativeAccuracy_ThrowsInvalidData(double alpha)
    {
        var bytes = Bytes(new DDSketch());
        BitConverter.TryWriteBytes(bytes.AsSpan(3, 8), alpha);

        Assert.Throws<InvalidDataException>(() => SketchBytes.Read(bytes, DDSketch.ReadFrom));
    }

    [Fact]
    public void ReadFrom_MinAboveMax_ThrowsInvalidData()
    {
        var sketch = new DDSketch();
        sketch.Add([1.0, 2.0]);
        var bytes = Bytes(sketch);
        BitConverter.TryWriteBytes(bytes.AsSpan(CountOffset + 1, 8), 3.0);

        Assert.Throws<InvalidDataException>(() => SketchBytes.Read(bytes, DDSketch.ReadFrom));
    }

    [Fact]
    public void WriteTo_SameValuesAnyOrder_SameBytes()
    {
        var values = SketchSamples.Family("mixed_sign", 5000, seed: 7);
        var a = new DDSketch();
        a.Add(values);
        var b = new DDSketch();
        b.Add(SketchSamples.Shuffled(values, 8));

        Assert.Equal(Bytes(a), Bytes(b));
    }
}
