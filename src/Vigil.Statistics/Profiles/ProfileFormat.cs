using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Vigil.Statistics.Profiles;

/// <summary>
/// The <c>.vprof</c> binary format: a fixed header, a payload, and a checksum of the payload.
/// </summary>
/// <remarks>
/// Layout (little-endian): magic <c>VIGILPRF</c> (8 bytes), format version (u16, now 1), reserved (u16, 0),
/// payload length (u64), payload, XxHash64 of the payload (u64). The payload is the dataset fields
/// (source, created-at, time range, row count, column count) followed by each <see cref="ColumnProfile"/>.
/// A reader checks magic, version, length and checksum before it parses anything, so a truncated or
/// corrupted file is rejected with a message that says which check failed.
/// </remarks>
public static class ProfileFormat
{
    /// <summary>The current format version.</summary>
    public const ushort Version = 1;

    /// <summary>Largest payload accepted (256 MiB: about 25,000 sketch-mode columns).</summary>
    public const long MaxPayloadBytes = 256L << 20;

    private static readonly byte[] Magic = "VIGILPRF"u8.ToArray();
    private const int HeaderBytes = 8 + 2 + 2 + 8;

    /// <summary>Writes <paramref name="profile"/> to <paramref name="output"/>.</summary>
    public static void Write(DatasetProfile profile, Stream output)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(output);
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(profile.Source ?? string.Empty);
            writer.Write(profile.CreatedAt.UtcTicks);
            WriteTime(writer, profile.Start);
            WriteTime(writer, profile.End);
            writer.Write(profile.RowCount);
            writer.Write(profile.Columns.Count);
            foreach (var column in profile.Columns)
            {
                column.WriteTo(writer);
            }
        }

        var bytes = payload.GetBuffer().AsSpan(0, (int)payload.Length);
        Span<byte> header = stackalloc byte[HeaderBytes];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(header[10..], 0);
        BinaryPrimitives.WriteUInt64LittleEndian(header[12..], (ulong)bytes.Length);
        output.Write(header);
        output.Write(bytes);
        Span<byte> checksum = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(checksum, XxHash64.HashToUInt64(bytes));
        output.Write(checksum);
    }

    /// <summary>Serializes to a byte array.</summary>
    public static byte[] ToBytes(DatasetProfile profile)
    {
        using var stream = new MemoryStream();
        Write(profile, stream);
        return stream.ToArray();
    }

    /// <summary>Reads a profile; throws <see cref="InvalidDataException"/> saying what is wrong with the bytes.</summary>
    public static DatasetProfile Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < 8 || !data[..8].SequenceEqual(Magic))
        {
            throw new InvalidDataException("not a Vigil profile (the file does not start with the VIGILPRF signature).");
        }

        if (data.Length < HeaderBytes)
        {
            throw new InvalidDataException($"truncated profile: {data.Length} bytes, shorter than the {HeaderBytes}-byte header.");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(data[8..]);
        if (version != Version)
        {
            throw new InvalidDataException($"unsupported profile format version {version} (this vigil reads version {Version}).");
        }

        if (BinaryPrimitives.ReadUInt16LittleEndian(data[10..]) != 0)
        {
            throw new InvalidDataException("the profile header's reserved field is not zero: the file is corrupted or from a newer vigil.");
        }

        var length = BinaryPrimitives.ReadUInt64LittleEndian(data[12..]);
        if (length > MaxPayloadBytes)
        {
            throw new InvalidDataException($"the profile declares a {length:N0}-byte payload, above the {MaxPayloadBytes:N0}-byte limit.");
        }

        if ((ulong)data.Length != HeaderBytes + length + 8)
        {
            throw new InvalidDataException($"truncated or padded profile: {data.Length:N0} bytes, expected {HeaderBytes + (long)length + 8:N0}.");
        }

        var payload = data.Slice(HeaderBytes, (int)length);
        var stored = BinaryPrimitives.ReadUInt64LittleEndian(data[(HeaderBytes + (int)length)..]);
        if (stored != XxHash64.HashToUInt64(payload))
        {
            throw new InvalidDataException("checksum mismatch: the profile is corrupted.");
        }

        try
        {
            using var stream = new MemoryStream(payload.ToArray(), writable: false);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            var source = reader.ReadString();
            var created = new DateTimeOffset(ReadTicks(reader), TimeSpan.Zero);
            var start = ReadTime(reader);
            var end = ReadTime(reader);
            var rows = reader.ReadInt64();
            var count = reader.ReadInt32();
            if (rows < 0 || count < 0 || count > stream.Length)
            {
                throw new InvalidDataException($"bad row count {rows} or column count {count}.");
            }

            var columns = new List<ColumnProfile>(count);
            for (var i = 0; i < count; i++)
            {
                var column = ColumnProfile.ReadFrom(reader);
                if (column.Count + column.MissingCount + column.TypeMismatchCount != rows)
                {
                    throw new InvalidDataException($"column '{column.Name}' accounts for {column.Count + column.MissingCount + column.TypeMismatchCount} rows, the profile for {rows}.");
                }

                columns.Add(column);
            }

            if (stream.Position != stream.Length)
            {
                throw new InvalidDataException($"{stream.Length - stream.Position} unexpected bytes after the last column.");
            }

            return new DatasetProfile(columns, rows, source.Length == 0 ? null : source, start, end, created);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("the profile payload ends early.", ex);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"inconsistent profile: {ex.Message}", ex);
        }
    }

    private static void WriteTime(BinaryWriter writer, DateTimeOffset? time)
    {
        writer.Write(time.HasValue);
        if (time is { } t)
        {
            writer.Write(t.UtcTicks);
        }
    }

    private static DateTimeOffset? ReadTime(BinaryReader reader) =>
        reader.ReadBoolean() ? new DateTimeOffset(ReadTicks(reader), TimeSpan.Zero) : null;

    private static long ReadTicks(BinaryReader reader)
    {
        var ticks = reader.ReadInt64();
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw new InvalidDataException($"bad timestamp ticks {ticks}.");
        }

        return ticks;
    }
}
