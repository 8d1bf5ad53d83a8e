using System.Globalization;

namespace Vigil.Cli.Data;

/// <summary>
/// Accumulates one column of one file while it streams by. A column starts numerical (values kept
/// in a growable <see cref="double"/> buffer, NaN and infinities counted as missing) and turns
/// categorical at its first non-numeric value (then only category counts are kept, so memory
/// is bounded by the number of distinct labels, not rows).
/// </summary>
internal sealed class ColumnBuffer : IColumnSink
{
    private double[] _values;
    private int _count;
    private Dictionary<string, long>? _categories;

    public ColumnBuffer(string name, ColumnTypeHint hint, int capacity = 1024)
    {
        Name = name;
        Hint = hint;
        _values = hint == ColumnTypeHint.Categorical ? [] : new double[Math.Max(16, capacity)];
        if (hint == ColumnTypeHint.Categorical)
        {
            _categories = new Dictionary<string, long>(StringComparer.Ordinal);
        }
    }

    public string Name { get; }

    public ColumnTypeHint Hint { get; }

    /// <summary>True while every non-missing value has been a number.</summary>
    public bool IsNumeric => _categories is null;

    /// <summary>Missing, empty, NA-like, NaN or infinite values seen.</summary>
    public long Missing { get; private set; }

    /// <summary>Non-missing values seen.</summary>
    public long Count => IsNumeric ? _count : CountCategories();

    /// <summary>The numeric values (valid while <see cref="IsNumeric"/>).</summary>
    public double[] RawValues => _values;

    /// <summary>Number of valid entries in <see cref="RawValues"/>.</summary>
    public int ValueCount => _count;

    /// <summary>Category counts (valid once not <see cref="IsNumeric"/>).</summary>
    public Dictionary<string, long> Categories => _categories ?? throw new InvalidOperationException("column is numeric");

    public void AddMissing() => Missing++;

    public void AddNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            Missing++;
            return;
        }

        if (_categories is not null)
        {
            AddLabel(FormatNumber(value));
            return;
        }

        if (_count == _values.Length)
        {
            Array.Resize(ref _values, _values.Length * 2);
        }

        _values[_count++] = value;
    }

    /// <summary>Adds a non-numeric label; switches the column to categorical if needed.</summary>
    public void AddLabel(string label) => AddLabel(label.AsSpan());

    /// <summary>Adds a non-numeric label without allocating when the label was seen before.</summary>
    public void AddLabel(ReadOnlySpan<char> label)
    {
        if (_categories is null)
        {
            ConvertToCategorical();
        }

        var lookup = _categories!.GetAlternateLookup<ReadOnlySpan<char>>();
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(lookup, label, out _);
        slot++;
    }

    /// <summary>Turns collected numbers into category counts (labels are the numbers' shortest round-trip form).</summary>
    public void ConvertToCategorical()
    {
        if (_categories is not null)
        {
            return;
        }

        _categories = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < _count; i++)
        {
            ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_categories, FormatNumber(_values[i]), out _);
            slot++;
        }

        _values = [];
        _count = 0;
    }

    internal static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private long CountCategories()
    {
        long n = 0;
        foreach (var c in _categories!.Values)
        {
            n += c;
        }

        return n;
    }
}
