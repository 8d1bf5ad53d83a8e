using Vigil.Statistics.Sketches;
using static Vigil.Statistics.Tests.Sketches.FrequentItemsSketchTests;

namespace Vigil.Statistics.Tests.Sketches;

public class FrequentItemsSerializationTests
{
    [Fact]
    public void ReadFrom_WrittenSketch_RoundTripsAndKeepsWorkingTheSame()
    {
        var stream = Zipf(30_000, 2_000, 1.1, weighted: true, seed: 2);
        var original = new FrequentItemsSketch(50);
        foreach (var (label, weight) in stream[..15_000])
        {
            original.Update(label, weight);
        }

        var bytes = Bytes(original);
        var read = SketchBytes.Read(bytes, FrequentItemsSketch.ReadFrom);
        Assert.Equal(bytes, Bytes(read));
        Assert.Equal(bytes, Bytes(SketchBytes.Read(bytes, FrequentItemsSketch.ReadFrom, seekable: false)));
        Assert.Equal(original.Items(), read.Items());

        foreach (var (label, weight) in stream[15_000..])
        {
            original.Update(label, weight);
            read.Update(label, weight);
        }

        Assert.Equal(Bytes(original), Bytes(read));
    }

    [Fact]
    public void ReadFrom_UnusualLabels_RoundTrip()
    {
        var sketch = new FrequentItemsSketch();
        string[] labels = ["", "plain", "ünïcødé", "emoji 🙂", "lone \uD800 surrogate", "\uDC00", new string('x', 70_000)];
        foreach (var label in labels)
        {
            sketch.Update(label, 3);
        }

        var bytes = Bytes(sketch);
        var read = SketchBytes.Read(bytes, FrequentItemsSketch.ReadFrom);

        Assert.Equal(bytes, Bytes(read));
        Assert.Equal(labels.Order(StringComparer.Ordinal), read.Items().Select(i => i.Item));
        Assert.Equal(bytes, Bytes(SketchBytes.Read(bytes, FrequentItemsSketch.ReadFrom, seekable: false)));
    }

    [Fact]
    public void ReadFrom_EveryTruncation_ThrowsInvalidData()
    {
        var sketch = new FrequentItemsSketch(8);
        foreach (var (label, weight) in Zipf(500, 40, 1.0, weighted: true, seed: 3))
        {
            sketch.Update(label, weight);
        }

        sketch.Update("é\uD800", 1000);
        SketchBytes.AssertEveryTruncationThrows(Bytes(sketch), FrequentItemsSketch.ReadFrom);
    }

    [Fact]
    public void ReadFrom_CorruptedBytes_OnlyInvalidDataOrASketch()
    {
        var sketch = new FrequentItemsSketch(8);
        foreach (var (label, weight) in Zipf(500, 40, 1.0, weighted: true, seed: 4))
        {
            sketch.Update(label, weight);
        }

        var bytes = Bytes(sketch);
        Assert.True(SketchBytes.AssertCorruptionIsContained(bytes, FrequentItemsSketch.ReadFrom) > bytes.Length);
    }

    [Theory]
    [InlineData(10, 0, new[] { "a", "b" }, new long[] { 6, 5 })] // counters exceed the total
    [InlineData(20, 10, new[] { "a", "b" }, new long[] { 6, 5 })] // counters plus error exceed the total
    [InlineData(20, 0, new[] { "a", "b" }, new long[] { 5, 6 })] // out of order
    [InlineData(20, 0, new[] { "b", "a" }, new long[] { 5, 5 })] // ties out of ordinal order
    [InlineData(20, 0, new[] { "a", "a" }, new long[] { 5, 4 })] // repeated label
    [InlineData(20, 0, new[] { "a", "b" }, new long[] { 5, 0 })] // zero counter
    [InlineData(20, 0, new[] { "a", "b", "c" }, new long[] { 3, 2, 1 })] // more items than k = 2
    [InlineData(5, 6, new string[0], new long[0])] // error above the total
    public void ReadFrom_InconsistentState_ThrowsInvalidData(long total, long error, string[] labels, long[] counters)
    {
        var bytes = SketchBytes.Of(w =>
        {
            w.Write((byte)'F');
            w.Write((byte)'I');
            w.Write((byte)1);
            w.Write7BitEncodedInt(2);
            w.Write7BitEncodedInt64(total);
            w.Write7BitEncodedInt64(error);
            w.Write7BitEncodedInt(labels.Length);
            for (var i = 0; i < labels.Length; i++)
            {
                w.Write7BitEncodedInt64((long)System.Text.Encoding.UTF8.GetByteCount(labels[i]) << 1);
                w.Write(System.Text.Encoding.UTF8.GetBytes(labels[i]));
                w.Write7BitEncodedInt64(counters[i]);
            }
        });

        Assert.Throws<InvalidDataException>(() => SketchBytes.Read(bytes, FrequentItemsSketch.ReadFrom));
    }

    [Fact]
    public void ReadFrom_InvalidUtf8OrHugeLabel_ThrowsInvalidData()
    {
        byte[] Header() => SketchBytes.Of(w =>
        {
            w.Write((byte)'F');
            w.Write((byte)'I');
            w.Write((byte)1);
            w.Write7BitEncodedInt(4);
            w.Write7BitEncodedInt64(10);
            w.Write7BitEncodedInt64(0);
            w.Write7BitEncodedInt(1);
        });

        byte[] invalidUtf8 = [.. Header(), 4, 0xC3, 0x28, 1];
        byte[] hugeLabel = [.. Header(), .. SketchBytes.Of(w => w.Write7BitEncodedInt64(1L << 40)), 1, 2, 3];
        byte[] oddUtf16 = [.. Header(), 7, 0x41, 0x00, 0x42, 1];

        Assert.Throws<InvalidDataException>(() => SketchBytes.Read(invalidUtf8, FrequentItemsSketch.ReadFrom));
        Assert.Throws<InvalidDataException>(() => SketchBytes.Read(hugeLabel, FrequentItemsSketch.ReadFrom));
        Assert.Throws<InvalidDataException>(() => SketchBytes.Read(hugeLabel, FrequentItemsSketch.ReadFrom, seekable: false));
        Assert.Throws<InvalidDataException>(() => SketchBytes.Read(oddUtf16, FrequentItemsSketch.ReadFrom));
    }
}
