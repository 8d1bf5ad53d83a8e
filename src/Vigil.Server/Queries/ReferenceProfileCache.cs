using System.Collections.Concurrent;
using Vigil.Statistics.Profiles;

namespace Vigil.Server.Queries;

/// <summary>
/// Parsed reference profiles by the hash of their bytes, so a query reads the stored bytes (to see a replaced
/// reference at once) but does not parse them again. Process-wide; at most <see cref="Capacity"/> profiles.
/// </summary>
internal static class ReferenceProfileCache
{
    public const int Capacity = 64;

    private static readonly ConcurrentDictionary<UInt128, DatasetProfile> Profiles = new();

    /// <summary>The profile of <paramref name="bytes"/> (a <c>.vprof</c> payload) and the fingerprint of the bytes.</summary>
    public static DatasetProfile Read(byte[] bytes, out UInt128 fingerprint)
    {
        fingerprint = DriftPointCache.ReferenceFingerprint(bytes);
        if (Profiles.TryGetValue(fingerprint, out var profile))
        {
            return profile;
        }

        profile = ProfileFormat.Read(bytes);
        if (Profiles.Count >= Capacity)
        {
            Profiles.Clear();
        }

        Profiles[fingerprint] = profile;
        return profile;
    }
}
