using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace Vigil.Statistics.Sketches;

/// <summary>
/// Shared helpers for the sketches' binary formats: headers, variable-length integers, labels, and the checks that
/// turn every truncation or inconsistency into <see cref="InvalidDataException"/>.
/// </summary>
/// <remarks>
/// Sizes read from a stream are bounded by the stream's remaining length when it can seek, and by the format's own
/// limits otherwise, so a corrupted length never allocates more than the data could hold.
/// </remarks>
internal static class SketchSerialization
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Bytes left in the reader's stream, or <see cref="long.MaxValue"/> when the stream cannot seek.</summary>
    public static long Remaining(BinaryReader reader)
    {
        var stream = reader.BaseStream;
        return stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : long.MaxValue;
    }

    /// <summary>Writes the two magic bytes and the format version.</summary>
    public static void WriteHeader(BinaryWriter writer, byte magic0, byte magic1, byte version)
    {
        writer.Write(magic0);
        writer.Write(magic1);
        writer.Write(version);
    }

    /// <summary>Reads and checks the two magic bytes and the format version.</summary>
    public static void ReadHeader(BinaryReader reader, byte magic0, byte magic1, byte version, string what)
    {
        var m0 = reader.ReadByte();
        var m1 = reader.ReadByte();
        if (m0 != magic0 || m1 != magic1)
        {
            throw new InvalidDataException($"Not a {what}: bad magic bytes 0x{m0:X2}{m1:X2}.");
        }

        var v = reader.ReadByte();
        if (v != version)
        {
            throw new InvalidDataException($"Unsupported {what} format version {v} (expected {version}).");
        }
    }

    /// <summary>Reads a non-negative 7-bit encoded integer, at most <paramref name="max"/>.</summary>
    public static long ReadVarLong(BinaryReader reader, long max, string what)
    {
        var value = reader.Read7BitEncodedInt64();
        if (value < 0 || value > max)
        {
            throw new InvalidDataException($"{what} {value} is outside [0, {max}].");
        }

        return value;
    }

    /// <summary>
    /// Reads an element count, at most <paramref name="max"/> and at most the remaining bytes divided by the
    /// minimum encoded size of one element.
    /// </summary>
    public static int ReadCount(BinaryReader reader, int max, int minBytesPerElement, string what)
    {
        var count = ReadVarLong(reader, max, what);
        if (count * minBytesPerElement > Remaining(reader))
        {
            throw new InvalidDataException($"{what} {count} exceeds what the remaining {Remaining(reader)} bytes can hold.");
        }

        return (int)count;
    }

    /// <summary>Writes non-negative values as 7-bit varints (as <see cref="BinaryWriter.Write7BitEncodedInt64"/>) in one write.</summary>
    public static void WriteVarLongs(BinaryWriter writer, ReadOnlySpan<long> values)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(values.Length * 10);
        var length = 0;
        foreach (var value in values)
        {
            var v = (ulong)value;
            while (v >= 0x80)
            {
                buffer[length++] = (byte)(v | 0x80);
                v >>= 7;
            }

            buffer[length++] = (byte)v;
        }

        writer.Write(buffer, 0, length);
        ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>Writes a label: a 7-bit header (byte length × 2, + 1 when UTF-16) then UTF-8, or raw UTF-16LE code units for strings with a lone surrogate.</summary>
    public static void WriteLabel(BinaryWriter writer, string label)
    {
        var byteCount = Encoding.UTF8.GetByteCount(label);
        Span<byte> buffer = byteCount <= 256 ? stackalloc byte[256] : new byte[byteCount];
        var status = Utf8.FromUtf16(label, buffer, out _, out var written, replaceInvalidSequences: false);
        if (status == System.Buffers.OperationStatus.Done)
        {
            writer.Write7BitEncodedInt64((long)written << 1);
            writer.Write(buffer[..written]);
            return;
        }

        // A lone surrogate has no UTF-8 form (and Encoding.Unicode would replace it): write the raw UTF-16LE code units.
        writer.Write7BitEncodedInt64(((long)label.Length << 2) | 1);
        foreach (var c in label)
        {
            writer.Write((ushort)c);
        }
    }

    /// <summary>Reads a label written by <see cref="WriteLabel"/>.</summary>
    public static string ReadLabel(BinaryReader reader)
    {
        var header = reader.Read7BitEncodedInt64();
        if (header < 0)
        {
            throw new InvalidDataException("Negative label length.");
        }

        var length = header >> 1;
        if (length > Math.Min(Remaining(reader), int.MaxValue))
        {
            throw new InvalidDataException($"Label length {length} exceeds the remaining data.");
        }

        var bytes = ReadExactly(reader, (int)length);
        if ((header & 1) == 0)
        {
            return StrictUtf8.GetString(bytes);
        }

        if ((length & 1) != 0)
        {
            throw new InvalidDataException("UTF-16 label with an odd byte length.");
        }

        return string.Create(bytes.Length / 2, bytes, static (chars, source) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)BinaryPrimitives.ReadUInt16LittleEndian(source.AsSpan(2 * i));
            }
        });
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes; on a non-seekable stream it grows the buffer with the data actually read.</summary>
    public static byte[] ReadExactly(BinaryReader reader, int count)
    {
        const int Chunk = 1 << 16;
        if (count <= Chunk || reader.BaseStream.CanSeek)
        {
            var bytes = reader.ReadBytes(count);
            return bytes.Length == count ? bytes : throw new EndOfStreamException();
        }

        using var buffer = new MemoryStream();
        while (buffer.Length < count)
        {
            var part = reader.ReadBytes((int)Math.Min(Chunk, count - buffer.Length));
            if (part.Length == 0)
            {
                throw new EndOfStreamException();
            }

            buffer.Write(part);
        }

        return buffer.ToArray();
    }

    /// <summary>True for the exceptions a truncated or malformed stream raises inside a reader.</summary>
    public static bool IsMalformedInput(Exception exception) =>
        exception is EndOfStreamException or FormatException or DecoderFallbackException or OverflowException;
}
