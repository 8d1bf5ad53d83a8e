namespace Vigil.Storage.Artifacts;

/// <summary>
/// Content-addressed bytes: model artifacts and golden set files, named by the SHA-256 of their content, so a
/// file uploaded twice is stored once and every read can be checked against its name.
/// </summary>
public interface IArtifactStore
{
    /// <summary>
    /// Stores the content of <paramref name="content"/> (at most <paramref name="maxBytes"/>) and returns its hash and
    /// size; nothing remains of a write that fails or is too large.
    /// </summary>
    /// <exception cref="ArtifactTooLargeException">The content is longer than <paramref name="maxBytes"/>.</exception>
    Task<StoredArtifact> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken);

    /// <summary>
    /// Opens the content stored under <paramref name="sha256"/> after checking that it still hashes to it;
    /// null when there is no such content.
    /// </summary>
    /// <exception cref="ArtifactCorruptException">The stored bytes no longer match their hash.</exception>
    Task<Stream?> OpenVerifiedAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>Whether content with this hash is stored.</summary>
    bool Exists(string sha256);

    /// <summary>Removes the content stored under <paramref name="sha256"/>, if any (only for content nothing refers to).</summary>
    void Delete(string sha256);
}

/// <summary>A stored content's identity.</summary>
/// <param name="Sha256">Lower-case hex SHA-256.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Created">Whether this write stored it (false: the same content was already there).</param>
public sealed record StoredArtifact(string Sha256, long Size, bool Created = true);

/// <summary>Stored bytes that no longer match their hash (disk corruption or tampering).</summary>
public sealed class ArtifactCorruptException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ArtifactCorruptException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ArtifactCorruptException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ArtifactCorruptException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Content longer than the limit.</summary>
public sealed class ArtifactTooLargeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ArtifactTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ArtifactTooLargeException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ArtifactTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
