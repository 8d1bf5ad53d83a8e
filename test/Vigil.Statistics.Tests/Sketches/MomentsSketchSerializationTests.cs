using System.Buffers.Binary;
using Vigil.Statistics.Sketches;

namespace Vigil.Statistics.Tests.Sketches;

public class MomentsSketchSerializationTests
{
    // Layout: version (1), counters (8 x int64: count, null, NaN, infinity, string, boolean, integral, fractional),
    // shift, mean offset, M2, min, max (float64): 105 bytes.
    private const int CountersOffset = 1;
    private const int M2Offset = 81;
    private const int MinOffset = 89;

    [Fact]
    public void WriteRead_RoundTrip_ByteIdenticalSameValues()
    {
        foreach (var sketch in (MomentsSketch[])[new MomentsSketch(), Sample()])
        {
            var bytes = Bytes(sketch);
            var restored = Read(bytes);

            Assert.Equal(105, bytes.Length);
            Assert.Equal(bytes, Bytes(restored));
            Assert.Equal(sketch.Count, restored.Count);
            Assert.Equal(sketch.Mean, restored.Mean);
            Assert.Equal(sketch.PopulationVariance, restored.PopulationVariance);
            Assert.Equal(sketch.NullCount, restored.NullCount);
            Assert.Equal(sketch.FractionalCount, restored.FractionalCount);
        }
    }

    [Fact]
    public void Update_SameValues_ByteIdentical() => Assert.Equal(Bytes(Sample()), Bytes(Sample()));

    [Fact]
    public void ReadFrom_EveryTruncation_ThrowsInvalidData()
    {
        var bytes = Bytes(Sample());
        for (var length = 0; length < bytes.Length; length++)
        {
            var truncated = bytes[..length];
            Assert.Throws<InvalidDataException>(() => Read(truncated));
        }
    }

    [Fact]
    public void ReadFrom_CorruptedCounters_ThrowsInvalidData()
    {
        var bytes = Bytes(Sample());
        for (var counter = 0; counter < 8; counter++)
        {
            foreach (var delta in (long[])[-1, 1, long.MinValue])
            {
                var corrupted = (byte[])bytes.Clone();
                var span = corrupted.AsSpan(CountersOffset + (8 * counter), 8);
                var value = BinaryPrimitives.ReadInt64LittleEndian(span);
                BinaryPrimitives.WriteInt64LittleEndian(span, delta == long.MinValue ? -value - 1 : value + delta);
                if (counter is 0 or 6 or 7 || delta == long.MinValue)
                {
                    // count = integral + fractional is checked; any negative counter is rejected
                    Assert.Throws<InvalidDataException>(() => Read(corrupted));
                }
            }
        }
    }

    [Fact]
    public void ReadFrom_InconsistentMoments_ThrowsInvalidData()
    {
        var bytes = Bytes(Sample());

        var negativeM2 = (byte[])bytes.Clone();
        BinaryPrimitives.WriteDoubleLittleEndian(negativeM2.AsSpan(M2Offset), -1.0);
        Assert.Contains("variance < 0", Assert.Throws<InvalidDataException>(() => Read(negativeM2)).Message);

        var minAboveMax = (byte[])bytes.Clone();
        BinaryPrimitives.WriteDoubleLittleEndian(minAboveMax.AsSpan(MinOffset), 1e300);
        Assert.Contains("min", Assert.Throws<InvalidDataException>(() => Read(minAboveMax)).Message);

        var version = (byte[])bytes.Clone();
        version[0] = 9;
        Assert.Contains("version", Assert.Throws<InvalidDataException>(() => Read(version)).Message);

        var emptyWithMoments = Bytes(new MomentsSketch());
        BinaryPrimitives.WriteDoubleLittleEndian(emptyWithMoments.AsSpan(M2Offset), 2.0);
        Assert.Throws<InvalidDataException>(() => Read(emptyWithMoments));
    }

    private static MomentsSketch Sample()
    {
        var sketch = MomentsSketchTests.Build([1e9 + 0.5, 1e9 - 0.25, 1e9, double.NaN, double.PositiveInfinity, 1e9 + 3]);
        sketch.AddNull();
        sketch.AddString();
        sketch.AddBoolean();
        return sketch;
    }

    private static byte[] Bytes(MomentsSketch sketch)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            sketch.WriteTo(writer);
        }

        return stream.ToArray();
    }

    private static MomentsSketch Read(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes));
        return MomentsSketch.ReadFrom(reader);
    }
}
