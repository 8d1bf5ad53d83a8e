using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Server.Registry;

/// <summary>
/// Webhook signatures: header <c>X-Vigil-Signature: t=UNIX_SECONDS,v1=HEX</c> where HEX is the lower-case
/// HMAC-SHA256, keyed with the webhook's secret, of <c>"{t}.{body}"</c> (the body's exact bytes). Receivers
/// recompute it, compare in constant time, and refuse old timestamps to stop replays.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header's value for <paramref name="body"/> sent at <paramref name="at"/>.</summary>
    public static string Sign(string secret, DateTimeOffset at, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Convert.ToHexStringLower(Mac(secret, t, body))}";
    }

    /// <summary>Whether <paramref name="header"/> is a valid signature of <paramref name="body"/> no older than <paramref name="tolerance"/>.</summary>
    public static bool Verify(string secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (header is null)
        {
            return false;
        }

        string? t = null, v1 = null;
        foreach (var part in header.Split(','))
        {
            var kv = part.Split('=', 2);
            if (kv.Length == 2 && kv[0] == "t")
            {
                t = kv[1];
            }
            else if (kv.Length == 2 && kv[0] == "v1")
            {
                v1 = kv[1];
            }
        }

        if (t is null || v1 is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(v1);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(given, Mac(secret, t, body));
    }

    private static byte[] Mac(string secret, string t, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(t + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }
}
