namespace Vigil.Statistics.Sketches;

/// <summary>
/// Vigil's binary format for <see cref="HyperLogLog"/>, version 1: magic "HL", version byte, lgK byte, encoding byte,
/// then either the sparse encoding (0: varint number of non-zero registers, then per register the varint gap to the
/// previous non-zero register and its value byte) or the dense one (1: the 2^lgK 6-bit registers packed four to
/// three bytes, little-endian). Sparse is written only when strictly smaller than dense; the choice depends on the
/// registers alone, so identical registers give identical bytes.
/// </summary>
internal static class HyperLogLogFormat
{
    private const byte Magic0 = (byte)'H';
    private const byte Magic1 = (byte)'L';
    private const byte Version = 1;
    private const byte Sparse = 0;
    private const byte Dense = 1;

    public static void Write(BinaryWriter writer, HyperLogLog sketch)
    {
        var registers = sketch.Registers;
        SketchSerialization.WriteHeader(writer, Magic0, Magic1, Version);
        writer.Write((byte)sketch.LgK);
        var denseSize = registers.Length / 4 * 3;
        if (SparseSize(registers, denseSize) < denseSize)
        {
            writer.Write(Sparse);
            var nonZero = 0;
            foreach (var r in registers)
            {
                nonZero += r == 0 ? 0 : 1;
            }

            writer.Write7BitEncodedInt(nonZero);
            var previous = -1;
            for (var i = 0; i < registers.Length; i++)
            {
                if (registers[i] != 0)
                {
                    writer.Write7BitEncodedInt(i - previous - 1);
                    writer.Write(registers[i]);
                    previous = i;
                }
            }

            return;
        }

        writer.Write(Dense);
        Span<byte> packed = stackalloc byte[3];
        for (var i = 0; i < registers.Length; i += 4)
        {
            var word = registers[i] | (registers[i + 1] << 6) | (registers[i + 2] << 12) | (registers[i + 3] << 18);
            packed[0] = (byte)word;
            packed[1] = (byte)(word >> 8);
            packed[2] = (byte)(word >> 16);
            writer.Write(packed);
        }
    }

    public static HyperLogLog Read(BinaryReader reader)
    {
        try
        {
            SketchSerialization.ReadHeader(reader, Magic0, Magic1, Version, "HyperLogLog");
            int lgK = reader.ReadByte();
            if (lgK < HyperLogLog.MinLgK || lgK > HyperLogLog.MaxLgK)
            {
                throw new InvalidDataException($"HyperLogLog lgK {lgK} is outside [{HyperLogLog.MinLgK}, {HyperLogLog.MaxLgK}].");
            }

            var sketch = new HyperLogLog(lgK);
            var registers = sketch.Registers;
            var maxValue = sketch.MaxRegisterValue;
            var encoding = reader.ReadByte();
            if (encoding == Sparse)
            {
                var count = SketchSerialization.ReadCount(reader, registers.Length, 2, "HyperLogLog non-zero register count");
                long index = -1;
                for (var i = 0; i < count; i++)
                {
                    index += SketchSerialization.ReadVarLong(reader, registers.Length, "HyperLogLog register gap") + 1;
                    if (index >= registers.Length)
                    {
                        throw new InvalidDataException($"HyperLogLog register index {index} is beyond {registers.Length - 1}.");
                    }

                    var value = reader.ReadByte();
                    if (value == 0 || value > maxValue)
                    {
                        throw new InvalidDataException($"HyperLogLog register value {value} is outside [1, {maxValue}].");
                    }

                    registers[index] = value;
                }
            }
            else if (encoding == Dense)
            {
                var packed = SketchSerialization.ReadExactly(reader, registers.Length / 4 * 3);
                for (int i = 0, b = 0; i < registers.Length; i += 4, b += 3)
                {
                    var word = packed[b] | (packed[b + 1] << 8) | (packed[b + 2] << 16);
                    for (var j = 0; j < 4; j++)
                    {
                        var value = (word >> (6 * j)) & 0x3F;
                        if (value > maxValue)
                        {
                            throw new InvalidDataException($"HyperLogLog register value {value} is above {maxValue}.");
                        }

                        registers[i + j] = (byte)value;
                    }
                }
            }
            else
            {
                throw new InvalidDataException($"Unknown HyperLogLog encoding {encoding}.");
            }

            return sketch;
        }
        catch (Exception e) when (SketchSerialization.IsMalformedInput(e))
        {
            throw new InvalidDataException("Truncated or malformed HyperLogLog.", e);
        }
    }

    /// <summary>The sparse encoding's size, or <paramref name="limit"/> as soon as it reaches it.</summary>
    private static int SparseSize(byte[] registers, int limit)
    {
        var size = 1; // the count's varint, at least one byte; add the rest below
        var nonZero = 0;
        var previous = -1;
        for (var i = 0; i < registers.Length && size < limit; i++)
        {
            if (registers[i] != 0)
            {
                size += VarIntSize(i - previous - 1) + 1;
                previous = i;
                nonZero++;
            }
        }

        return size - 1 + VarIntSize(nonZero);
    }

    private static int VarIntSize(int value) => value < 1 << 7 ? 1 : value < 1 << 14 ? 2 : value < 1 << 21 ? 3 : 4;
}
