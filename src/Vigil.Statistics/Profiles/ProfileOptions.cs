using Vigil.Statistics.Sketches;

namespace Vigil.Statistics.Profiles;

/// <summary>How column profiles are built. Defaults keep a numeric column under about 10 KB once it leaves exact mode.</summary>
public sealed class ProfileOptions
{
    /// <summary>The default options.</summary>
    public static ProfileOptions Default { get; } = new();

    /// <summary>A numerical column keeps its values exactly while it holds at most this many (default 4,096), so small windows give exact statistics.</summary>
    public int ExactLimit { get; init; } = 4096;

    /// <summary>KLL quantile sketch size k (default 256: normalized rank error about 1% at 99% confidence).</summary>
    public int KllK { get; init; } = KllSketch.DefaultK;

    /// <summary>HyperLogLog precision lgK (default 12: about 1.6% standard error).</summary>
    public int HllLgK { get; init; } = HyperLogLog.DefaultLgK;

    /// <summary>Counters of the frequent-items sketch of categorical columns (default 256; exact while a column has at most this many categories).</summary>
    public int FrequentItems { get; init; } = FrequentItemsSketch.DefaultMaxItems;

    /// <summary>A numerical column counts each distinct value exactly while it has at most this many (default 64), for per-value bins and chi-square.</summary>
    public int SmallValueLimit { get; init; } = 64;

    /// <summary>Throws <see cref="ArgumentException"/> naming the option that is out of range.</summary>
    public void Validate()
    {
        if (ExactLimit is < 0 or > 1 << 24)
        {
            throw new ArgumentException($"exact limit must lie in [0, 16777216], got {ExactLimit}.", nameof(ExactLimit));
        }

        if (KllK is < 8 or > 65535)
        {
            throw new ArgumentException($"KLL k must lie in [8, 65535], got {KllK}.", nameof(KllK));
        }

        if (HllLgK is < 4 or > 18)
        {
            throw new ArgumentException($"HyperLogLog lgK must lie in [4, 18], got {HllLgK}.", nameof(HllLgK));
        }

        if (FrequentItems is < 2 or > 1 << 20)
        {
            throw new ArgumentException($"frequent items must lie in [2, 1048576], got {FrequentItems}.", nameof(FrequentItems));
        }

        if (SmallValueLimit is < 0 or > 4096)
        {
            throw new ArgumentException($"small value limit must lie in [0, 4096], got {SmallValueLimit}.", nameof(SmallValueLimit));
        }
    }
}
