using System.Buffers;
using System.Security.Cryptography;

namespace Vigil.Storage.Artifacts;

/// <summary>
/// Artifacts as files under <c>DIR/artifacts/sha256/ab/abcdef…</c>: written to a temporary file while hashed,
/// flushed to disk, then renamed into place (so a crash never leaves a partial file under a hash name), and
/// re-hashed before every read. Several servers can share the directory (a network file system) because a name
/// only ever holds its one content.
/// </summary>
public sealed class FileArtifactStore : IArtifactStore
{
    private readonly string _root;

    /// <summary>Stores artifacts under <paramref name="dataDirectory"/>/artifacts.</summary>
    public FileArtifactStore(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        _root = Path.Combine(Path.GetFullPath(dataDirectory), "artifacts", "sha256");
    }

    /// <inheritdoc/>
    public async Task<StoredArtifact> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        Directory.CreateDirectory(_root);
        var temp = Path.Combine(_root, $".upload-{Guid.NewGuid():N}");
        try
        {
            string sha;
            long size = 0;
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
                    try
                    {
                        int read;
                        while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                        {
                            size += read;
                            if (size > maxBytes)
                            {
                                throw new ArtifactTooLargeException($"the content is larger than the limit of {maxBytes} bytes.");
                            }

                            hash.AppendData(buffer, 0, read);
                            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        }
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }

                    await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                    file.Flush(flushToDisk: true);
                }

                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            var target = PathOf(sha);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var existed = File.Exists(target);
            if (existed && await HashOfFileAsync(target, cancellationToken).ConfigureAwait(false) == sha)
            {
                File.Delete(temp); // already stored, intact
            }
            else
            {
                File.Move(temp, target, overwrite: true); // new, or replacing a corrupt copy with good bytes
            }

            return new StoredArtifact(sha, size, Created: !existed);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <inheritdoc/>
    public async Task<Stream?> OpenVerifiedAsync(string sha256, CancellationToken cancellationToken)
    {
        if (!IsHash(sha256))
        {
            return null;
        }

        var path = PathOf(sha256);
        if (!File.Exists(path))
        {
            return null;
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        try
        {
            var actual = await HashOfStreamAsync(stream, cancellationToken).ConfigureAwait(false);
            if (actual != sha256)
            {
                throw new ArtifactCorruptException($"artifact {sha256} is corrupt: its stored bytes ({stream.Length} bytes at {path}) hash to {actual}.");
            }

            stream.Position = 0;
            return stream;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    public bool Exists(string sha256) => IsHash(sha256) && File.Exists(PathOf(sha256));

    /// <inheritdoc/>
    public void Delete(string sha256)
    {
        if (IsHash(sha256))
        {
            File.Delete(PathOf(sha256));
        }
    }

    /// <summary>Whether <paramref name="value"/> is a lower-case hex SHA-256.</summary>
    public static bool IsHash(string? value) =>
        value is { Length: 64 } && value.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    private string PathOf(string sha) => Path.Combine(_root, sha[..2], sha);

    private static async Task<string> HashOfFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return await HashOfStreamAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string> HashOfStreamAsync(Stream stream, CancellationToken cancellationToken) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
}
