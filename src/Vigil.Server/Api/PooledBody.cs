using System.Buffers;

namespace Vigil.Server.Api;

/// <summary>
/// A request body read into an array rented from <see cref="ArrayPool{T}.Shared"/> (an ingest batch of a few MB
/// would otherwise be a fresh large-object-heap array per request, collected only by full GCs). The owner returns
/// it on dispose, after the last use of any slice of <see cref="Memory"/>.
/// </summary>
internal sealed class PooledBody : IDisposable
{
    private byte[]? _buffer;

    private PooledBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Memory = new ReadOnlyMemory<byte>(buffer, 0, length);
    }

    /// <summary>The body.</summary>
    public ReadOnlyMemory<byte> Memory { get; }

    /// <summary>The body, or null when it is larger than <paramref name="limit"/> bytes.</summary>
    public static async Task<PooledBody?> ReadAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        if (request.ContentLength is { } declared && declared > limit)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit, request.ContentLength is { } n ? n + 1 : 64 * 1024));
        var length = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length > limit)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return null;
                }

                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit + 1, (long)buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        return new PooledBody(buffer, length);
    }

    /// <summary>Returns the array to the pool; <see cref="Memory"/> must not be used after.</summary>
    public void Dispose()
    {
        if (_buffer is { } b)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(b);
        }
    }
}
