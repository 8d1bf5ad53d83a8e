namespace Vigil.Statistics.Tests.Sketches;

/// <summary>Serialization helpers for the sketch tests.</summary>
internal static class SketchBytes
{
    public static byte[] Of(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    public static T Read<T>(byte[] bytes, Func<BinaryReader, T> read, bool seekable = true)
    {
        using Stream stream = seekable ? new MemoryStream(bytes) : new ForwardOnlyStream(bytes);
        using var reader = new BinaryReader(stream);
        return read(reader);
    }

    /// <summary>Every proper prefix must throw <see cref="InvalidDataException"/>, on seekable and forward-only streams.</summary>
    public static void AssertEveryTruncationThrows<T>(byte[] bytes, Func<BinaryReader, T> read)
    {
        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes[..length];
            Assert.Throws<InvalidDataException>(() => Read(prefix, read));
            Assert.Throws<InvalidDataException>(() => Read(prefix, read, seekable: false));
        }
    }

    /// <summary>Any single corrupted byte gives either a sketch or <see cref="InvalidDataException"/>, never another exception.</summary>
    public static int AssertCorruptionIsContained<T>(byte[] bytes, Func<BinaryReader, T> read)
    {
        var rejected = 0;
        byte[] masks = [0x01, 0x80, 0xFF];
        for (var position = 0; position < bytes.Length; position++)
        {
            foreach (var mask in masks)
            {
                var corrupted = (byte[])bytes.Clone();
                corrupted[position] ^= mask;
                try
                {
                    Read(corrupted, read);
                }
                catch (InvalidDataException)
                {
                    rejected++;
                }
            }
        }

        return rejected;
    }

    /// <summary>A stream that cannot seek and has no length, like a network stream.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 7));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
