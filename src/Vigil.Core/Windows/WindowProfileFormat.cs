using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Vigil.Core.Performance;
using Vigil.Statistics.Profiles;
using Vigil.Statistics.Sketches;

namespace Vigil.Core.Windows;

/// <summary>Binary form of a <see cref="WindowProfile"/>: magic <c>VGLW</c>, version u16, payload, XxHash64 of the payload.</summary>
public static class WindowProfileFormat
{
    /// <summary>The current version.</summary>
    /// <remarks>2: performance sums stored exactly (order-independent); version 1 (rounded doubles) is still read.</remarks>
    public const ushort Version = 2;

    private static readonly byte[] Magic = "VGLW"u8.ToArray();

    /// <summary>Serializes <paramref name="window"/>.</summary>
    public static byte[] ToBytes(WindowProfile window)
    {
        ArgumentNullException.ThrowIfNull(window);
        using var stream = new MemoryStream();
        stream.Write(Magic);
        Span<byte> version = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(version, Version);
        stream.Write(version);
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(window.Count);
            w.Write(window.Errors);
            w.Write(window.Features.Count);
            foreach (var column in window.Features.Values)
            {
                column.WriteTo(w);
            }

            WriteOptional(w, window.Prediction);
            WriteOptional(w, window.Score);
            window.Latency.WriteTo(w);
            w.Write(window.Stages.Count);
            foreach (var (name, sketch) in window.Stages)
            {
                w.Write(name);
                sketch.WriteTo(w);
            }

            w.Write(window.Performance is not null);
            window.Performance?.WriteTo(w);
        }

        var payload = stream.GetBuffer().AsSpan(6, (int)stream.Length - 6);
        Span<byte> hash = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(hash, XxHash64.HashToUInt64(payload));
        stream.Write(hash);
        return stream.ToArray();
    }

    /// <summary>Reads a window; throws <see cref="InvalidDataException"/> when the bytes are not a valid window.</summary>
    public static WindowProfile Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < 14 || !data[..4].SequenceEqual(Magic))
        {
            throw new InvalidDataException("not a Vigil window profile (bad magic).");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(data[4..]);
        if (version is < 1 or > Version)
        {
            throw new InvalidDataException($"window profile version {version} is not supported (this build reads {Version}).");
        }

        var payload = data[6..^8];
        if (XxHash64.HashToUInt64(payload) != BinaryPrimitives.ReadUInt64LittleEndian(data[^8..]))
        {
            throw new InvalidDataException("window profile checksum does not match: the stored bytes are corrupted.");
        }

        using var stream = new MemoryStream(payload.ToArray(), writable: false);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        var window = new WindowProfile { Count = r.ReadInt64(), Errors = r.ReadInt64() };
        var features = r.ReadInt32();
        for (var i = 0; i < features; i++)
        {
            window.SetFeature(ColumnProfile.ReadFrom(r));
        }

        window.Prediction = ReadOptional(r);
        window.Score = ReadOptional(r);
        window.SetLatency(DDSketch.ReadFrom(r));
        var stages = r.ReadInt32();
        for (var i = 0; i < stages; i++)
        {
            var name = r.ReadString();
            window.SetStage(name, DDSketch.ReadFrom(r));
        }

        if (r.ReadBoolean())
        {
            window.Performance = PerformanceProfile.ReadFrom(r, version);
        }

        return window;
    }

    private static void WriteOptional(BinaryWriter w, ColumnProfile? column)
    {
        w.Write(column is not null);
        column?.WriteTo(w);
    }

    private static ColumnProfile? ReadOptional(BinaryReader r) => r.ReadBoolean() ? ColumnProfile.ReadFrom(r) : null;
}
