using Vigil.Core.Events;
using Vigil.Core.Models;
using Vigil.Core.Performance;

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
    }

    /// <summary>The windows touched so far.</summary>
    public IReadOnlyDictionary<WindowKey, WindowProfile> Windows => _windows;

    /// <summary>Counts a prediction event in its windows.</summary>
    public void AddPrediction(PredictionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        foreach (var w in WindowsOf(e))
        {
            AddPrediction(w, e);
        }
    }

    /// <summary>Counts a label joined to its prediction in the prediction's windows.</summary>
    public void AddLabel(PredictionEvent prediction, LabelEvent label)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(label);
        foreach (var w in WindowsOf(prediction))
        {
            AddLabel(w, prediction, label);
        }
    }

    /// <summary>The event's all-traffic window, then one window per segment tag.</summary>
    private IEnumerable<WindowProfile> WindowsOf(PredictionEvent e)
    {
        var start = WindowKey.Align(e.Timestamp, _schema.Window);
        yield return Window(new WindowKey(e.Version, e.Variant, WindowKey.AllSegments, start));
        foreach (var (name, value) in e.Segments)
        {
            yield return Window(new WindowKey(e.Version, e.Variant, WindowKey.SegmentOf(name, value), start));
        }
    }

    private WindowProfile Window(WindowKey key)
    {
        if (!_windows.TryGetValue(key, out var w))
        {
            _windows[key] = w = new WindowProfile();
        }

        return w;
    }

    private void AddPrediction(WindowProfile w, PredictionEvent e)
    {
        w.Count++;
        if (e.Error is not null)
        {
            w.Errors++;
        }

        for (var i = 0; i < _schema.Features.Count; i++)
        {
            var spec = _schema.Features[i];
            var categorical = spec.Type is FeatureType.Categorical or FeatureType.Boolean;
            var column = w.Feature(spec.Name, categorical);
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

        foreach (var (stage, ms) in e.Stages)
        {
            w.Stage(stage).Add(ms);
        }
    }

    private void AddPredictionValue(WindowProfile w, PredictionEvent e)
    {
        switch (_schema.PredictionType)
        {
            case PredictionType.Binary or PredictionType.Multiclass:
                w.Prediction ??= Statistics.Profiles.ColumnProfile.Categorical("prediction", WindowProfile.ColumnOptions);
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
                    w.Score ??= Statistics.Profiles.ColumnProfile.Numerical("score", WindowProfile.ColumnOptions);
                    w.Score.Add(e.Score);
                }

                break;
            case PredictionType.Regression or PredictionType.Text:
                w.Prediction ??= Statistics.Profiles.ColumnProfile.Numerical("prediction", WindowProfile.ColumnOptions);
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
