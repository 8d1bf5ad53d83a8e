using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Vigil.Statistics.Drift;

namespace Vigil.Server.Queries;

/// <summary>
/// Drift points already computed, as the JSON the server writes for them (a warm query copies bytes instead of
/// serializing 36,000 feature results again), keyed by everything they depend on: the model, segment, version, variant and
/// bucket, a fingerprint of the sequence numbers of the bucket's stored window rows (in store order), a
/// fingerprint of the reference bytes, and the drift options. One per server (a singleton beside its store).
/// </summary>
/// <remarks>
/// The sequence numbers name the rows' content because window rows are never updated and their numbers never
/// reused (<see cref="Storage.WindowStamp"/>): a late event adds a row, a compaction or a rebuild replaces rows
/// with new numbers, and each changes the key. So a past window whose rows have not changed is answered from its
/// stamps alone, without reading its profiles. Numbers are unique only within one database, hence one cache per
/// store, not per process. Every server of a shared database computes the same point from the same rows, so no
/// invalidation between processes is needed. Bounded: least recently used out first.
/// </remarks>
internal sealed class DriftPointCache(IOptions<JsonOptions> json) : IDisposable
{
    /// <summary>Budget: 128 MiB of point JSON (a 50-feature point is about 10 KB), each entry counted with its key's overhead.</summary>
    public const long SizeLimit = 128L << 20;

    private const int EntryOverhead = 256;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = SizeLimit, CompactionPercentage = 0.25 });

    /// <summary>The server's JSON options (the points are written with them).</summary>
    public JsonSerializerOptions JsonOptions { get; } = json.Value.SerializerOptions;

    public bool TryGet(in Key key, out byte[]? point) => _cache.TryGetValue(key, out point);

    /// <summary>The point's JSON, as serializing it inside a <see cref="DriftResponse"/> writes it.</summary>
    public byte[] Serialize(DriftPoint point) => JsonSerializer.SerializeToUtf8Bytes(point, JsonOptions);

    public void Set(in Key key, byte[] point) =>
        _cache.Set(key, point, new MemoryCacheEntryOptions { Size = point.Length + EntryOverhead });

    /// <summary>The fingerprint of one bucket's window rows: their sequence numbers, in store order.</summary>
    public static UInt128 RowsFingerprint(List<long> seqs) => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(seqs)));

    /// <summary>The fingerprint of the reference profile's bytes.</summary>
    public static UInt128 ReferenceFingerprint(byte[] reference) => XxHash128.HashToUInt128(reference);

    /// <summary>The options as part of a key.</summary>
    public static string OptionsKey(DriftOptions options) =>
        string.Join('|', options.Method, options.NumericalMethod, options.CategoricalMethod, options.Threshold?.ToString("R", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => _cache.Dispose();

    /// <summary>What a drift point depends on.</summary>
    internal readonly record struct Key(
        string Model, string Segment, string Version, string Variant, DateTimeOffset Start, DateTimeOffset End,
        string ReferenceVersion, UInt128 Reference, string Options, UInt128 Rows);
}
