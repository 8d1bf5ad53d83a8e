using Vigil.Core.Events;
using Vigil.Core.Models;
using Vigil.Core.Performance;
using Vigil.Statistics.Profiles;

namespace Vigil.Core.Windows;

/// <summary>
/// Builds window profile deltas from events: each event counts in its window for all traffic and once for each
/// of its segment tags, so any query can be sliced by one segment.
/// </summary>
public sealed class WindowProfileBuilder
{
    private readonly ModelSchema _schema;
    private readonly Dictionary<string, int>? _classIndex;
    private readonly Dictionary<WindowKey, WindowProfile> _windows = [];

    // Hot-path caches: each window's feature columns in schema order (no name lookup per value), the segment
    // keys already seen (no string per event and tag), and the last all-traffic window (events come in runs).
    private readonly Dictionary<WindowProfile, ColumnProfile[]> _columns = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(string Name, string Value), string> _segmentKeys = [];
    private readonly bool[] _categorical;
    private WindowKey _lastKey;
    private WindowProfile? _lastWindow;

    /// <summary>Creates a builder for <paramref name="schema"/>.</summary>
    public WindowProfileBuilder(ModelSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
        if (schema.Classes is { } classes)
        {
            _classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < classes.Count; i++)
            {
                _classIndex[classes[i]] = i;
            }
        }

        _categorical = new bool[schema.Features.Count];
        for (var i = 0; i < _categorical.Length; i++)
        {
            _categorical[i] = schema.Features[i].Type is FeatureType.Categorical or FeatureType.Boolean;
        }
    }

    /// <summary>The windows touched so far.</summary>
    public IReadOnlyDictionary<WindowKey, WindowProfile> Windows => _windows;

    /// <summary>Counts a prediction event in its windows.</summary>
    public void AddPrediction(PredictionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var start = WindowKey.Align(e.Timestamp, _schema.Window);
        AddPrediction(AllTraffic(e, start), e);
        for (var s = 0; s < e.Segments.Count; s++)
        {
            AddPrediction(Window(new WindowKey(e.Version, e.Variant, SegmentKey(e.Segments[s]), start)), e);
        }
    }

    /// <summary>Counts a label joined to its prediction in the prediction's windows.</summary>
    public void AddLabel(PredictionEvent prediction, LabelEvent label)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(label);
        var start = WindowKey.Align(prediction.Timestamp, _schema.Window);
        AddLabel(AllTraffic(prediction, start), prediction, label);
        for (var s = 0; s < prediction.Segments.Count; s++)
        {
            AddLabel(Window(new WindowKey(prediction.Version, prediction.Variant, SegmentKey(prediction.Segments[s]), start)), prediction, label);
        }
    }

    /// <summary>
    /// Moves the windows of <paramref name="other"/> (a builder of the same schema) into this one: windows this
    /// builder lacks are taken as they are, the others merged. <paramref name="other"/> must not be used after.
    /// </summary>
    public void Absorb(WindowProfileBuilder other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (key, window) in other._windows)
        {
            if (_windows.TryGetValue(key, out var mine))
            {
                mine.Merge(window);
            }
            else
            {
                _windows[key] = window;
                if (other._columns.TryGetValue(window, out var columns))
                {
                    _columns[window] = columns;
                }
            }
        }

        other._windows.Clear();
        other._columns.Clear();
        other._lastWindow = null;
    }

    private WindowProfile AllTraffic(PredictionEvent e, DateTimeOffset start)
    {
        var key = new WindowKey(e.Version, e.Variant, WindowKey.AllSegments, start);
        if (_lastWindow is null || !_lastKey.Equals(key))
        {
            _lastWindow = Window(key);
            _lastKey = key;
        }

        return _lastWindow;
    }

    private string SegmentKey(KeyValuePair<string, string> tag)
    {
        if (!_segmentKeys.TryGetValue((tag.Key, tag.Value), out var key))
        {
            key = WindowKey.SegmentOf(tag.Key, tag.Value);
            if (_segmentKeys.Count < 10_000)
            {
                _segmentKeys[(tag.Key, tag.Value)] = key;
            }
        }

        return key;
    }

    private WindowProfile Window(WindowKey key)
    {
        if (!_windows.TryGetValue(key, out var w))
        {
            _windows[key] = w = new WindowProfile();
        }

        return w;
    }

    private ColumnProfile[] Columns(WindowProfile w)
    {
        if (!_columns.TryGetValue(w, out var columns))
        {
            columns = new ColumnProfile[_categorical.Length];
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i] = w.Feature(_schema.Features[i].Name, _categorical[i]);
            }

            _columns[w] = columns;
        }

        return columns;
    }

    private void AddPrediction(WindowProfile w, PredictionEvent e)
    {
        w.Count++;
        if (e.Error is not null)
        {
            w.Errors++;
        }

        var columns = Columns(w);
        for (var i = 0; i < columns.Length; i++)
        {
            var categorical = _categorical[i];
            var column = columns[i];
            var v = e.Features[i];
            if (v.IsMissing)
            {
                column.AddMissing();
            }
            else if (categorical)
            {
                column.AddLabel(v.Text ?? v.Number.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                column.Add(v.Number);
            }
        }

        if (e.Error is null || e.Label is not null || !double.IsNaN(e.Value))
        {
            AddPredictionValue(w, e);
        }

        if (!double.IsNaN(e.LatencyMs))
        {
            w.Latency.Add(e.LatencyMs);
        }

        for (var s = 0; s < e.Stages.Count; s++)
        {
            w.Stage(e.Stages[s].Key).Add(e.Stages[s].Value);
        }
    }

    private void AddPredictionValue(WindowProfile w, PredictionEvent e)
    {
        switch (_schema.PredictionType)
        {
            case PredictionType.Binary or PredictionType.Multiclass:
                w.Prediction ??= ColumnProfile.Categorical("prediction", WindowProfile.ColumnOptions);
                if (e.Label is null)
                {
                    w.Prediction.AddMissing();
                }
                else
                {
                    w.Prediction.AddLabel(e.Label);
                }

                if (!double.IsNaN(e.Score))
                {
                    w.Score ??= ColumnProfile.Numerical("score", WindowProfile.ColumnOptions);
                    w.Score.Add(e.Score);
                }

                break;
            case PredictionType.Regression or PredictionType.Text:
                w.Prediction ??= ColumnProfile.Numerical("prediction", WindowProfile.ColumnOptions);
                w.Prediction.Add(e.Value);
                break;
        }
    }

    private void AddLabel(WindowProfile w, PredictionEvent p, LabelEvent label)
    {
        if (_schema.PredictionType == PredictionType.Regression)
        {
            w.Performance ??= new PerformanceProfile(0);
            w.Performance.AddRegression(label.Value, p.Value);
            return;
        }

        if (_classIndex is null || label.Label is null || p.Label is null
            || !_classIndex.TryGetValue(label.Label, out var truth) || !_classIndex.TryGetValue(p.Label, out var predicted))
        {
            return; // text and JSON models, or a failed prediction: nothing to score
        }

        w.Performance ??= new PerformanceProfile(_schema.Classes!.Count);
        w.Performance.AddClassification(truth, predicted, p.Score, p.Probabilities);
    }
}
