using Vigil.Core.Performance;
using Vigil.Statistics.Profiles;
using Vigil.Statistics.Sketches;

namespace Vigil.Core.Windows;

/// <summary>
/// Everything kept about one window of one model version, variant and segment: volume, errors and schema
/// rejects, a profile per feature, the prediction's and score's profiles, latency sketches (total and per stage),
/// and realized performance over the labels that have arrived. Windows merge, so any time range is the merge
/// of its windows.
/// </summary>
public sealed class WindowProfile
{
    /// <summary>
    /// Column profile options for windows: exact up to 512 values (a window delta of a small batch stays exact and
    /// small), sketches past that. Every window uses these, so any two windows merge.
    /// </summary>
    public static readonly ProfileOptions ColumnOptions = new() { ExactLimit = 512 };

    /// <summary>Relative accuracy of the latency sketches (1%).</summary>
    public const double LatencyAccuracy = 0.01;

    private readonly Dictionary<string, ColumnProfile> _features = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DDSketch> _stages = new(StringComparer.Ordinal);

    /// <summary>Prediction events counted.</summary>
    public long Count { get; set; }

    /// <summary>Events that reported an error.</summary>
    public long Errors { get; set; }

    /// <summary>Feature profiles by name.</summary>
    public IReadOnlyDictionary<string, ColumnProfile> Features => _features;

    /// <summary>The prediction's profile (class, number, or text length), or null.</summary>
    public ColumnProfile? Prediction { get; set; }

    /// <summary>The binary score's profile, or null.</summary>
    public ColumnProfile? Score { get; set; }

    /// <summary>End-to-end latency in milliseconds.</summary>
    public DDSketch Latency { get; private set; } = new(LatencyAccuracy);

    /// <summary>Per-stage latency in milliseconds.</summary>
    public IReadOnlyDictionary<string, DDSketch> Stages => _stages;

    /// <summary>Realized performance over labelled predictions of this window, or null before any label.</summary>
    public PerformanceProfile? Performance { get; set; }

    /// <summary>The profile of feature <paramref name="name"/>, created empty when absent.</summary>
    public ColumnProfile Feature(string name, bool categorical) =>
        _features.TryGetValue(name, out var p) ? p
        : _features[name] = categorical ? ColumnProfile.Categorical(name, ColumnOptions) : ColumnProfile.Numerical(name, ColumnOptions);

    /// <summary>The latency sketch of stage <paramref name="name"/>, created empty when absent.</summary>
    public DDSketch Stage(string name) => _stages.TryGetValue(name, out var s) ? s : _stages[name] = new DDSketch(LatencyAccuracy);

    /// <summary>Merges <paramref name="other"/> into this window (the other is not changed).</summary>
    public void Merge(WindowProfile other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Count += other.Count;
        Errors += other.Errors;
        foreach (var (name, column) in other._features)
        {
            if (_features.TryGetValue(name, out var mine))
            {
                mine.Merge(column);
            }
            else
            {
                _features[name] = column.Clone();
            }
        }

        Prediction = MergeColumn(Prediction, other.Prediction);
        Score = MergeColumn(Score, other.Score);
        Latency.Merge(other.Latency);
        foreach (var (name, sketch) in other._stages)
        {
            Stage(name).Merge(sketch);
        }

        if (other.Performance is { } perf)
        {
            if (Performance is null)
            {
                Performance = new PerformanceProfile(perf.Classes);
            }

            Performance.Merge(perf);
        }
    }

    /// <summary>Merges a list of windows into a new one.</summary>
    public static WindowProfile Merge(IEnumerable<WindowProfile> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var merged = new WindowProfile();
        foreach (var w in windows)
        {
            merged.Merge(w);
        }

        return merged;
    }

    /// <summary>The features as a dataset profile (for drift against a reference).</summary>
    public DatasetProfile ToDatasetProfile(DateTimeOffset? start = null, DateTimeOffset? end = null) =>
        new(_features.Values, Count, source: null, start, end);

    private static ColumnProfile? MergeColumn(ColumnProfile? mine, ColumnProfile? other)
    {
        if (other is null)
        {
            return mine;
        }

        if (mine is null)
        {
            return other.Clone();
        }

        mine.Merge(other);
        return mine;
    }

    internal void SetLatency(DDSketch latency) => Latency = latency;

    internal void SetFeature(ColumnProfile column) => _features[column.Name] = column;

    internal void SetStage(string name, DDSketch sketch) => _stages[name] = sketch;
}
