using System.Buffers.Binary;
using System.IO.Hashing;
using Microsoft.Extensions.Caching.Memory;
using Vigil.Statistics.Drift;

namespace Vigil.Server.Queries;

/// <summary>
/// Drift points already computed, keyed by everything they depend on: the model, segment, version, variant and
/// bucket, a fingerprint of the bucket's stored window rows (each row's length and its XxHash64 checksum, in
/// order), a fingerprint of the reference bytes, and the drift options. A past window whose rows have not changed
/// is answered without reading its profiles or testing again; a late event, a compaction or a rebuild changes its
/// rows and so its key. Process-wide and bounded (least recently used out first); every server of a shared
/// database computes the same point from the same rows, so no invalidation between processes is needed.
/// </summary>
internal static class DriftPointCache
{
    /// <summary>Budget in cost units: one per point plus one per feature result (about 150 bytes each).</summary>
    public const long SizeLimit = 1_000_000;

    private static readonly MemoryCache Cache = new(new MemoryCacheOptions { SizeLimit = SizeLimit, CompactionPercentage = 0.25 });

    public static bool TryGet(in Key key, out DriftPoint? point) => Cache.TryGetValue(key, out point);

    public static void Set(in Key key, DriftPoint point) =>
        Cache.Set(key, point, new MemoryCacheEntryOptions { Size = 1 + point.Features.Count });

    /// <summary>The fingerprint of one bucket's window rows (a <c>WindowProfileFormat</c> payload ends with its checksum).</summary>
    public static UInt128 RowsFingerprint(List<byte[]> rows)
    {
        var hash = new XxHash128();
        Span<byte> item = stackalloc byte[12];
        foreach (var row in rows)
        {
            BinaryPrimitives.WriteInt32LittleEndian(item, row.Length);
            row.AsSpan(Math.Max(0, row.Length - 8)).CopyTo(item[4..]);
            hash.Append(item[..(4 + Math.Min(8, row.Length))]);
        }

        return hash.GetCurrentHashAsUInt128();
    }

    /// <summary>The fingerprint of the reference profile's bytes.</summary>
    public static UInt128 ReferenceFingerprint(byte[] reference) => XxHash128.HashToUInt128(reference);

    /// <summary>The options as part of a key.</summary>
    public static string OptionsKey(DriftOptions options) =>
        string.Join('|', options.Method, options.NumericalMethod, options.CategoricalMethod, options.Threshold?.ToString("R", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>What a drift point depends on.</summary>
    internal readonly record struct Key(
        string Model, string Segment, string Version, string Variant, DateTimeOffset Start, DateTimeOffset End,
        string ReferenceVersion, UInt128 Reference, string Options, UInt128 Rows);
}
