using Vigil.Statistics.Sketches;
using static Vigil.Statistics.Tests.Sketches.HyperLogLogTests;

namespace Vigil.Statistics.Tests.Sketches;

public class HyperLogLogSerializationTests
{
    // "HL", version, lgK, encoding.
    private const int HeaderSize = 5;

    [Theory]
    [InlineData(4, 0)]
    [InlineData(4, 1_000)]
    [InlineData(12, 0)]
    [InlineData(12, 10)]
    [InlineData(12, 1_000)]
    [InlineData(12, 100_000)]
    [InlineData(18, 5_000)]
    [InlineData(18, 1_000_000)]
    public void ReadFrom_WrittenSketch_RoundTripsByteIdentically(int lgK, int n)
    {
        var sketch = Filled(lgK, n);
        var bytes = Bytes(sketch);

        var read = SketchBytes.Read(bytes, HyperLogLog.ReadFrom);

        Assert.Equal(bytes, Bytes(read));
        Assert.Equal(bytes, Bytes(SketchBytes.Read(bytes, HyperLogLog.ReadFrom, seekable: false)));
        Assert.Equal(sketch.Estimate(), read.Estimate());
        Assert.Equal(lgK, read.LgK);
    }

    [Fact]
    public void WriteTo_SmallAndLargeCounts_ChoosesTheSmallerEncoding()
    {
        var denseSize = HeaderSize + ((1 << 12) / 4 * 3);

        Assert.Equal(HeaderSize + 1, Bytes(new HyperLogLog()).Length);
        Assert.True(Bytes(Filled(12, 100)).Length < 300);
        Assert.Equal(denseSize, Bytes(Filled(12, 100_000)).Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(50_000)]
    public void ReadFrom_EveryTruncation_ThrowsInvalidData(int n) =>
        SketchBytes.AssertEveryTruncationThrows(Bytes(Filled(8, n)), HyperLogLog.ReadFrom);

    [Theory]
    [InlineData(30)]
    [InlineData(5_000)]
    public void ReadFrom_CorruptedBytes_OnlyInvalidDataOrASketch(int n)
    {
        var bytes = Bytes(Filled(6, n));

        var rejected = SketchBytes.AssertCorruptionIsContained(bytes, HyperLogLog.ReadFrom);

        Assert.True(rejected > 0);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(19)]
    [InlineData(255)]
    public void ReadFrom_BadLgK_ThrowsInvalidData(byte lgK)
    {
        var bytes = Bytes(new HyperLogLog());
        bytes[3] = lgK;

        Assert.Throws<InvalidDataException>(() => SketchBytes.Read(bytes, HyperLogLog.ReadFrom));
    }

    [Fact]
    public void ReadFrom_DenseRegisterAboveMaximum_ThrowsInvalidData()
    {
        // lgK = 12: registers hold at most 64 − 12 + 1 = 53; 54 in the first register is corrupt.
        var bytes = Bytes(Filled(12, 100_000));
        Assert.Equal(1, bytes[4]);
        bytes[HeaderSize] = (byte)((bytes[HeaderSize] & 0xC0) | 54);

        Assert.Throws<InvalidDataException>(() => SketchBytes.Read(bytes, HyperLogLog.ReadFrom));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(54)]
    [InlineData(255)]
    public void ReadFrom_SparseRegisterOutOfRange_ThrowsInvalidData(byte value)
    {
        var sketch = new HyperLogLog();
        sketch.Update(1.0);
        var bytes = Bytes(sketch);
        Assert.Equal(0, bytes[4]);
        bytes[^1] = value;

        Assert.Throws<InvalidDataException>(() => SketchBytes.Read(bytes, HyperLogLog.ReadFrom));
    }

    [Fact]
    public void ReadFrom_SparseIndexBeyondRegisters_ThrowsInvalidData()
    {
        var bytes = SketchBytes.Of(w =>
        {
            w.Write((byte)'H');
            w.Write((byte)'L');
            w.Write((byte)1);
            w.Write((byte)4);
            w.Write((byte)0);
            w.Write7BitEncodedInt(2);
            w.Write7BitEncodedInt(10);
            w.Write((byte)3);
            w.Write7BitEncodedInt(5); // index 16 of 16 registers
            w.Write((byte)3);
        });

        Assert.Throws<InvalidDataException>(() => SketchBytes.Read(bytes, HyperLogLog.ReadFrom));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(200)]
    public void ReadFrom_UnknownEncodingOrMagic_ThrowsInvalidData(byte encoding)
    {
        var bytes = Bytes(new HyperLogLog());
        bytes[4] = encoding;
        Assert.Throws<InvalidDataException>(() => SketchBytes.Read(bytes, HyperLogLog.ReadFrom));

        var other = Bytes(new HyperLogLog());
        other[0] = (byte)'X';
        Assert.Throws<InvalidDataException>(() => SketchBytes.Read(other, HyperLogLog.ReadFrom));
    }

    private static HyperLogLog Filled(int lgK, int n)
    {
        var sketch = new HyperLogLog(lgK);
        for (var i = 0; i < n; i++)
        {
            sketch.Update(i + 0.25);
        }

        return sketch;
    }
}
