using System.Security.Cryptography;
using System.Text;
using Vigil.Storage;

namespace Vigil.Server.Auth;

/// <summary>
/// API keys: <c>vgl_ID_SECRET</c>, where ID (12 hex digits) is public and SECRET is 32 random bytes in base64url.
/// Only SHA-256 of the secret is stored (a 256-bit random secret needs no slow hash), and comparison is
/// constant-time.
/// </summary>
public static class ApiKeys
{
    /// <summary>The scopes a key may hold.</summary>
    public static readonly string[] AllScopes = ["ingest", "read", "registry", "admin"];

    /// <summary>Creates a key; returns the full key (shown once) and the record to store.</summary>
    public static (string Key, ApiKeyRecord Record) Create(string name, IReadOnlyList<string> scopes, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(scopes);
        if (name.Length > 100)
        {
            throw new ArgumentException("a key name has at most 100 characters.", nameof(name));
        }

        foreach (var s in scopes)
        {
            if (Array.IndexOf(AllScopes, s) < 0)
            {
                throw new ArgumentException($"unknown scope '{s}'; scopes are {string.Join(", ", AllScopes)}.", nameof(scopes));
            }
        }

        if (scopes.Count == 0)
        {
            throw new ArgumentException("give at least one scope.", nameof(scopes));
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var record = new ApiKeyRecord(id, name, [.. scopes.Distinct()], Hash(secret), now);
        return ($"vgl_{id}_{secret}", record);
    }

    /// <summary>Splits a presented key into id and secret; false when it is not shaped like a key.</summary>
    public static bool TryParse(string key, out string id, out string secret)
    {
        id = secret = string.Empty;
        if (key.Length != 4 + 12 + 1 + 43 || !key.StartsWith("vgl_", StringComparison.Ordinal) || key[16] != '_')
        {
            return false;
        }

        id = key.Substring(4, 12);
        secret = key[17..];
        return true;
    }

    /// <summary>Whether <paramref name="secret"/> matches the stored hash (constant time).</summary>
    public static bool Matches(ApiKeyRecord record, string secret) =>
        CryptographicOperations.FixedTimeEquals(record.SecretHash, Hash(secret));

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.ASCII.GetBytes(secret));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
