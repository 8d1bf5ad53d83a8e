using System.Buffers;
using System.Text.Json;

namespace Vigil.IngestBench;

/// <summary>
/// Pre-generated JSON array bodies of one batch size with fixed-width id slots, so the load loop only copies a
/// template and writes fresh ids into it (the client spends its share of the CPU on HTTP, not on JSON).
/// </summary>
internal sealed class BatchTemplates
{
    /// <summary>Digits of an event id after its prefix letter.</summary>
    public const int IdDigits = 15;

    private const byte Marker = (byte)'#';
    private readonly byte[][] _bodies;
    private readonly int[][] _idOffsets;

    public BatchTemplates(BenchModel model, int batchSize, int count, int seed)
    {
        var placeholder = "e" + new string((char)Marker, IdDigits);
        var rng = new Random(seed);
        var now = DateTimeOffset.UtcNow;
        _bodies = new byte[count][];
        _idOffsets = new int[count][];
        for (var t = 0; t < count; t++)
        {
            var buffer = new ArrayBufferWriter<byte>(batchSize * 900);
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartArray();
                for (var i = 0; i < batchSize; i++)
                {
                    model.WriteEvent(w, placeholder, now - TimeSpan.FromMilliseconds(rng.Next(60_000)), rng, 0);
                }

                w.WriteEndArray();
            }

            var body = buffer.WrittenSpan.ToArray();
            var offsets = new int[batchSize];
            var found = 0;
            for (var i = 0; i + IdDigits <= body.Length && found < batchSize; i++)
            {
                if (body[i] == Marker)
                {
                    offsets[found++] = i;
                    i += IdDigits - 1;
                }
            }

            if (found != batchSize)
            {
                throw new InvalidOperationException($"template {t}: found {found} id slots, expected {batchSize}.");
            }

            _bodies[t] = body;
            _idOffsets[t] = offsets;
        }
    }

    public int BatchSize => _idOffsets[0].Length;

    public int MaxBodyLength
    {
        get
        {
            var max = 0;
            foreach (var b in _bodies)
            {
                max = Math.Max(max, b.Length);
            }

            return max;
        }
    }

    public double MeanEventBytes
    {
        get
        {
            long total = 0;
            foreach (var b in _bodies)
            {
                total += b.Length;
            }

            return (double)total / _bodies.Length / BatchSize;
        }
    }

    /// <summary>Copies template <c>batch % count</c> into <paramref name="into"/> with ids <c>batch * size + i</c>; returns the length.</summary>
    public int Write(long batch, byte[] into)
    {
        var t = (int)(batch % _bodies.Length);
        var body = _bodies[t];
        body.CopyTo(into, 0);
        var offsets = _idOffsets[t];
        var first = batch * offsets.Length;
        for (var i = 0; i < offsets.Length; i++)
        {
            var id = first + i;
            var at = offsets[i] + IdDigits - 1;
            for (var d = 0; d < IdDigits; d++)
            {
                into[at - d] = (byte)('0' + (id % 10));
                id /= 10;
            }
        }

        return body.Length;
    }
}
