using System.Runtime.InteropServices;
using Vigil.Cli.Data;
using Vigil.Statistics.Profiles;

namespace Vigil.Cli.Profiles;

/// <summary>
/// Streams one column into a <see cref="ColumnProfile"/> with bounded memory. The type is decided from the
/// first <see cref="InferenceRows"/> values (numerical when all of them are numbers, as whylogs and pandas'
/// chunked readers do) unless forced; text met later in a numerical column is counted as a type mismatch.
/// </summary>
internal sealed class ProfileColumnSink : IColumnSink
{
    public const int InferenceRows = 1000;
    private const int InternLimit = 100_000;

    private readonly ProfileOptions _options;
    private readonly List<(double Number, string? Label)> _pending = [];
    private readonly Dictionary<string, string> _interned = new(StringComparer.Ordinal);
    private ColumnProfile? _profile;
    private bool _sawLabel;

    public ProfileColumnSink(string name, ColumnTypeHint hint, ProfileOptions options)
    {
        Name = name;
        Hint = hint;
        _options = options;
        if (hint != ColumnTypeHint.Infer)
        {
            Decide();
        }
    }

    public string Name { get; }

    public ColumnTypeHint Hint { get; }

    public void AddMissing()
    {
        if (_profile is not null)
        {
            _profile.AddMissing();
            return;
        }

        Buffer(double.NaN, null);
    }

    public void AddNumber(double value)
    {
        if (_profile is not null)
        {
            if (double.IsFinite(value))
            {
                _profile.Add(value);
            }
            else
            {
                _profile.AddMissing();
            }

            return;
        }

        Buffer(double.IsFinite(value) ? value : double.NaN, null);
    }

    public void AddLabel(ReadOnlySpan<char> label)
    {
        var text = Intern(label);
        if (_profile is not null)
        {
            _profile.AddLabel(text);
            return;
        }

        _sawLabel = true;
        Buffer(double.NaN, text);
    }

    /// <summary>The finished profile (decides the type if fewer than <see cref="InferenceRows"/> values came).</summary>
    public ColumnProfile Finish()
    {
        if (_profile is null)
        {
            Decide();
        }

        return _profile!;
    }

    private void Buffer(double number, string? label)
    {
        _pending.Add((number, label));
        if (_pending.Count >= InferenceRows)
        {
            Decide();
        }
    }

    private void Decide()
    {
        var numerical = Hint == ColumnTypeHint.Numerical || (Hint == ColumnTypeHint.Infer && !_sawLabel);
        _profile = numerical ? ColumnProfile.Numerical(Name, _options) : ColumnProfile.Categorical(Name, _options);
        foreach (var (number, label) in _pending)
        {
            if (label is not null)
            {
                _profile.AddLabel(label);
            }
            else if (double.IsNaN(number))
            {
                _profile.AddMissing();
            }
            else
            {
                _profile.Add(number);
            }
        }

        _pending.Clear();
        _pending.TrimExcess();
    }

    private string Intern(ReadOnlySpan<char> label)
    {
        var lookup = _interned.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(label, out var existing))
        {
            return existing;
        }

        var text = label.ToString();
        if (_interned.Count < InternLimit)
        {
            _interned[text] = text;
        }

        return text;
    }
}
