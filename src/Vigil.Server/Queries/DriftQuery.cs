using Vigil.Core.Models;
using Vigil.Core.Windows;
using Vigil.Server.Api;
using Vigil.Statistics.Drift;
using Vigil.Statistics.Profiles;
using Vigil.Storage;

namespace Vigil.Server.Queries;

/// <summary>
/// One drift query. Reads the stamps of the range's window rows (keys and sequence numbers, no profile), answers
/// every point whose rows' stamps are in the <see cref="DriftPointCache"/>, then reads the profiles of the other
/// points only (one statement), merges and tests them in parallel and caches them. Points are kept and answered
/// as their JSON (<see cref="DriftJsonResult"/>).
/// </summary>
/// <remarks>
/// A row deleted between the stamps and the profile read (a compaction or a rebuild ran in between) leaves its
/// point without rows: that point's bucket is read again whole (one consistent statement) and tested uncached.
/// </remarks>
internal sealed class DriftQuery(IVigilStore store, DriftPointCache cache, string model, QueryRange range, DriftOptions options)
{
    private readonly string _optionsKey = DriftPointCache.OptionsKey(options);

    /// <summary>Parsed references by version (or "baseline"); null: the version has none.</summary>
    public Dictionary<string, (DatasetProfile Profile, UInt128 Fingerprint)?> References { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The series of each version and variant of the range against <paramref name="reference"/> (default: each
    /// version's own). A version without a reference is left out, unless the caller asked for it
    /// (<paramref name="required"/>): then the answer is a 404 problem.
    /// </summary>
    public async Task<(List<DriftSeriesJson>? Series, IResult? Problem)> RunAsync(ModelSchema schema, string? reference, bool required, CancellationToken ct)
    {
        var stamps = await WindowSeries.LoadStampsAsync(store, model, range, ct);
        var groups = new List<Group>();
        var misses = new List<Miss>();
        foreach (var ((version, variant), buckets) in stamps)
        {
            var refVersion = reference ?? version;
            if (!References.TryGetValue(refVersion, out var loaded))
            {
                var bytes = await store.GetReferenceAsync(model, refVersion, ct);
                References[refVersion] = loaded = bytes is null ? null : (ReferenceProfileCache.Read(bytes, out var fingerprint), fingerprint);
            }

            if (loaded is not { } refEntry)
            {
                if (required)
                {
                    return (null, Problems.NotFound($"version '{refVersion}' of model '{model}' has no reference profile; upload one to /api/v1/models/{model}/versions/{refVersion}/reference."));
                }

                continue; // versions without a reference are left out of an unfiltered query
            }

            var columns = schema.Features.Select(f => f.Name).Where(n => refEntry.Profile.Find(n) is not null).ToList();
            var group = new Group(version, variant, refVersion, refEntry.Profile, columns, [.. buckets.Keys], new byte[buckets.Count][]);
            groups.Add(group);
            var i = 0;
            foreach (var (start, seqs) in buckets)
            {
                var key = new DriftPointCache.Key(model, range.Segment, version, variant, start, range.BucketEnd(start),
                    refVersion, refEntry.Fingerprint, _optionsKey, DriftPointCache.RowsFingerprint(seqs));
                if (cache.TryGet(key, out var cached))
                {
                    group.Points[i] = cached!;
                }
                else
                {
                    misses.Add(new Miss(group, i, key, seqs));
                }

                i++;
            }
        }

        if (misses.Count > 0 && await ComputeAsync(misses, ct) is { } failure)
        {
            return (null, Problems.BadRequest(failure));
        }

        return ([.. groups.Select(g => new DriftSeriesJson(g.Version, g.Variant, g.ReferenceVersion, Array.FindAll(g.Points, p => p is not null)))], null);
    }

    /// <summary>Reads the misses' profiles, then merges and tests them in parallel; returns why a test could not run, or null.</summary>
    private async Task<string?> ComputeAsync(List<Miss> misses, CancellationToken ct)
    {
        var profiles = await store.GetWindowProfilesAsync(model, [.. misses.SelectMany(m => m.Seqs)], ct);
        var rows = new List<byte[]>[misses.Count];
        for (var m = 0; m < misses.Count; m++)
        {
            var seqs = misses[m].Seqs;
            var list = new List<byte[]>(seqs.Count);
            foreach (var seq in seqs)
            {
                if (!profiles.TryGetValue(seq, out var profile))
                {
                    list = null;
                    break;
                }

                list.Add(profile);
            }

            if (list is null)
            {
                // Rows merged or rebuilt since the stamps were read: the bucket's rows as they are now, uncached.
                var (group, index) = (misses[m].Group, misses[m].Index);
                var start = group.Starts[index];
                var query = new WindowQuery(model, start, range.BucketEnd(start), group.Version, group.Variant, range.Segment);
                list = [.. (await store.GetWindowsAsync(query, ct)).Select(w => w.Profile)];
                misses[m] = misses[m] with { Cache = false };
            }

            rows[m] = list;
        }

        string? failure = null;
        Parallel.For(0, misses.Count, m =>
        {
            var miss = misses[m];
            var group = miss.Group;
            var start = group.Starts[miss.Index];
            try
            {
                if (rows[m].Count == 0)
                {
                    return; // the bucket's rows are all gone: no point, as if the stamps had been read now
                }

                var point = cache.Serialize(Point(start, WindowSeries.Merge(rows[m]), group.Reference, group.Columns));
                group.Points[miss.Index] = point;
                if (miss.Cache)
                {
                    cache.Set(miss.Key, point);
                }
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or NotSupportedException)
            {
                failure = ex.Message; // e.g. a method that cannot compare a column of this type
            }
        });
        return failure;
    }

    private DriftPoint Point(DateTimeOffset start, WindowProfile window, DatasetProfile reference, List<string> columns)
    {
        var present = columns.Where(c => window.Features.TryGetValue(c, out var p) && p.Count > 0).ToList();
        var features = new List<FeatureDrift>(present.Count);
        var report = present.Count == 0 ? null : DatasetProfileDrift.Analyze(reference, window.ToDatasetProfile(), options, present).Report;
        foreach (var c in report?.Columns ?? [])
        {
            features.Add(Feature(c));
        }

        FeatureDrift? prediction = null;
        var refPrediction = reference.Find("prediction");
        if (refPrediction is not null && window.Prediction is { Count: > 0 } current && current.Type == refPrediction.Type)
        {
            var r = ProfileDrift.Evaluate(refPrediction, current, options.Method, options.Threshold);
            prediction = new FeatureDrift("prediction", r.Method, r.Result.Statistic, NullIfNaN(r.Result.PValue), r.Result.Threshold, r.Result.Drifted, r.IsExact,
                r.StatisticLow is { } lo && r.StatisticHigh is { } hi ? [lo, hi] : null,
                r.PValueLow is { } plo && r.PValueHigh is { } phi ? [plo, phi] : null);
        }

        return new DriftPoint(start, range.BucketEnd(start), window.Count, report?.DatasetDrift ?? false, report?.DriftShare ?? 0, report?.DriftedColumns ?? 0, features, prediction);
    }

    private static FeatureDrift Feature(ColumnDrift c) => new(
        c.Column, c.Method, c.Statistic, c.AdjustedPValue, c.Threshold, c.Drifted, c.IsExact,
        c.StatisticInterval is { } s ? [s.Low, s.High] : null,
        c.PValueInterval is { } p ? [p.Low, p.High] : null);

    private static double? NullIfNaN(double? v) => v is { } d && double.IsNaN(d) ? null : v;

    /// <summary>One version and variant's buckets against its reference; the points fill in as they are found (a bucket whose rows vanished stays null).</summary>
    private sealed record Group(string Version, string Variant, string ReferenceVersion, DatasetProfile Reference, List<string> Columns, DateTimeOffset[] Starts, byte[][] Points);

    /// <summary>A point not in the cache: its bucket, its key, and its rows' sequence numbers.</summary>
    private readonly record struct Miss(Group Group, int Index, DriftPointCache.Key Key, List<long> Seqs, bool Cache = true);
}
