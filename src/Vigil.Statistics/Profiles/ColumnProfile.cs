using Vigil.Statistics.Drift;
using Vigil.Statistics.Sketches;

namespace Vigil.Statistics.Profiles;

/// <summary>
/// A mergeable summary of one column. Numerical: moments and counters, the exact values while there
/// are at most <see cref="ProfileOptions.ExactLimit"/> of them, exact counts per value while there are
/// few distinct values, and once past the exact limit a KLL quantile sketch and a HyperLogLog.
/// Categorical: counters, a frequent-items sketch (exact while the categories fit) and a HyperLogLog.
/// </summary>
/// <remarks>
/// While a column is exact its sketches are derivable state and are not kept: they are built from the
/// exact values, in insertion order, the moment the limit is passed (or a merge needs them), so the
/// same data in the same order always gives the same bytes.
/// </remarks>
public sealed class ColumnProfile
{
    private readonly ProfileOptions _options;
    private double[]? _exact;
    private int _exactCount;
    private Dictionary<double, long>? _smallValues;
    private KllSketch? _quantiles;
    private HyperLogLog? _distinct;

    private ColumnProfile(string name, ColumnType type, ProfileOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        options.Validate();
        Name = name;
        Type = type;
        _options = options;
        Moments = new MomentsSketch();
        if (type == ColumnType.Numerical)
        {
            _exact = options.ExactLimit > 0 ? new double[Math.Min(options.ExactLimit, 64)] : null;
            _smallValues = options.SmallValueLimit > 0 ? [] : null;
            if (_exact is null)
            {
                _quantiles = new KllSketch(options.KllK);
                _distinct = new HyperLogLog(options.HllLgK);
            }
        }
        else
        {
            Items = new FrequentItemsSketch(options.FrequentItems);
            _distinct = new HyperLogLog(options.HllLgK);
        }
    }

    /// <summary>Column name.</summary>
    public string Name { get; }

    /// <summary>Column type.</summary>
    public ColumnType Type { get; }

    /// <summary>The options the profile was built with.</summary>
    public ProfileOptions Options => _options;

    /// <summary>Counts, mean, variance, min, max and the null/NaN/infinity/type counters.</summary>
    public MomentsSketch Moments { get; private set; }

    /// <summary>Category counts (categorical columns only).</summary>
    public FrequentItemsSketch? Items { get; private set; }

    /// <summary>Non-missing values: finite numbers, or labels.</summary>
    public long Count => Type == ColumnType.Numerical ? Moments.Count : Items!.TotalCount;

    /// <summary>Missing values: nulls, NaN and infinities.</summary>
    public long MissingCount => Moments.NullCount + Moments.NaNCount + Moments.InfinityCount;

    /// <summary>Values of the wrong type that were counted but not summarised (text in a numerical column).</summary>
    public long TypeMismatchCount => Type == ColumnType.Numerical ? Moments.StringCount + Moments.BooleanCount : 0;

    /// <summary>True when the profile answers exactly: numerical values all kept, or every category counted exactly.</summary>
    public bool IsExact => Type == ColumnType.Numerical ? _exact is not null : Items!.IsExact;

    /// <summary>True while each distinct numerical value is counted exactly.</summary>
    public bool HasExactValueCounts => _smallValues is not null;

    /// <summary>The exact values in insertion order, while <see cref="IsExact"/> (numerical columns).</summary>
    public ReadOnlySpan<double> ExactValues => _exact is null ? default : _exact.AsSpan(0, _exactCount);

    /// <summary>Exact counts per distinct value, while the column has few distinct values.</summary>
    public IReadOnlyDictionary<double, long>? ValueCounts => _smallValues;

    /// <summary>The quantile sketch (built from the exact values on first use while exact).</summary>
    public KllSketch Quantiles
    {
        get
        {
            RequireNumerical();
            return _quantiles ?? BuildQuantiles();
        }
    }

    /// <summary>The distinct-count sketch.</summary>
    public HyperLogLog Distinct => _distinct ?? BuildDistinct();

    /// <summary>Distinct non-missing values: exact while exact, else the HyperLogLog estimate.</summary>
    public double DistinctEstimate =>
        _smallValues is not null ? _smallValues.Count
        : _exact is not null ? ToSortedSample()!.DistinctCount
        : Type == ColumnType.Categorical && Items!.IsExact ? Items.Items().Count
        : Distinct.Estimate();

    /// <summary>An empty numerical column profile.</summary>
    public static ColumnProfile Numerical(string name, ProfileOptions? options = null) => new(name, ColumnType.Numerical, options ?? ProfileOptions.Default);

    /// <summary>An empty categorical column profile.</summary>
    public static ColumnProfile Categorical(string name, ProfileOptions? options = null) => new(name, ColumnType.Categorical, options ?? ProfileOptions.Default);

    /// <summary>Adds a number. NaN and infinities are counted as missing; in a categorical column the number is a label.</summary>
    public void Add(double value)
    {
        if (Type == ColumnType.Categorical)
        {
            if (double.IsFinite(value))
            {
                AddLabel(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                Moments.Update(value);
            }

            return;
        }

        Moments.Update(value);
        if (!double.IsFinite(value))
        {
            return;
        }

        if (value == 0)
        {
            value = 0; // -0.0 and +0.0 are one value
        }

        if (_smallValues is not null)
        {
            ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_smallValues, value, out var existed);
            slot++;
            if (!existed && _smallValues.Count > _options.SmallValueLimit)
            {
                _smallValues = null;
            }
        }

        if (_exact is not null)
        {
            if (_exactCount < _options.ExactLimit)
            {
                if (_exactCount == _exact.Length)
                {
                    Array.Resize(ref _exact, Math.Min(_options.ExactLimit, _exact.Length * 2));
                }

                _exact[_exactCount++] = value;
                return;
            }

            LeaveExactMode();
        }

        _quantiles!.Update(value);
        _distinct!.Update(value);
    }

    /// <summary>Adds a label: a category, or a type mismatch in a numerical column (counted, not summarised).</summary>
    public void AddLabel(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (Type == ColumnType.Numerical)
        {
            Moments.AddString();
            return;
        }

        Moments.AddString();
        Items!.Update(label);
        _distinct!.Update(label);
    }

    /// <summary>Adds a missing value.</summary>
    public void AddMissing() => Moments.AddNull();

    /// <summary>Merges <paramref name="other"/> (same name, type and options) into this profile.</summary>
    /// <exception cref="ArgumentException">The profiles are not of the same column, type or options.</exception>
    public void Merge(ColumnProfile other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Type != Type)
        {
            throw new ArgumentException($"column '{Name}' is {TypeName(Type)} in one profile and {TypeName(other.Type)} in the other.", nameof(other));
        }

        if (other._options.KllK != _options.KllK || other._options.HllLgK != _options.HllLgK || other._options.FrequentItems != _options.FrequentItems || other._options.ExactLimit != _options.ExactLimit)
        {
            throw new ArgumentException($"column '{Name}': profiles built with different sketch options cannot be merged.", nameof(other));
        }

        Moments.Merge(other.Moments);
        if (Type == ColumnType.Categorical)
        {
            Items!.Merge(other.Items!);
            _distinct!.Merge(other.Distinct);
            return;
        }

        MergeSmallValues(other);
        if (_exact is not null && other._exact is not null && _exactCount + other._exactCount <= _options.ExactLimit)
        {
            if (_exact.Length < _exactCount + other._exactCount)
            {
                Array.Resize(ref _exact, _exactCount + other._exactCount);
            }

            other.ExactValues.CopyTo(_exact.AsSpan(_exactCount));
            _exactCount += other._exactCount;
            return;
        }

        if (_exact is not null)
        {
            LeaveExactMode();
        }

        _quantiles!.Merge(other.Quantiles);
        _distinct!.Merge(other.Distinct);
    }

    /// <summary>The exact values sorted, as a drift method's input (null unless <see cref="IsExact"/>).</summary>
    public SortedSample? ToSortedSample() => _exact is null ? null : SortedSample.FromUnsorted(ExactValues);

    /// <summary>A deep copy.</summary>
    public ColumnProfile Clone()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            WriteTo(writer);
        }

        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        return ReadFrom(reader);
    }

    /// <summary>Writes the profile (little-endian, see <see cref="ProfileFormat"/>).</summary>
    public void WriteTo(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Name);
        writer.Write((byte)Type);
        writer.Write(_options.ExactLimit);
        writer.Write(_options.KllK);
        writer.Write((byte)_options.HllLgK);
        writer.Write(_options.FrequentItems);
        writer.Write(_options.SmallValueLimit);
        Moments.WriteTo(writer);
        if (Type == ColumnType.Categorical)
        {
            Items!.WriteTo(writer);
            _distinct!.WriteTo(writer);
            return;
        }

        writer.Write(_smallValues is not null);
        if (_smallValues is not null)
        {
            writer.Write(_smallValues.Count);
            foreach (var (value, count) in _smallValues.OrderBy(p => p.Key))
            {
                writer.Write(value);
                writer.Write(count);
            }
        }

        writer.Write(_exact is not null);
        if (_exact is not null)
        {
            writer.Write(_exactCount);
            for (var i = 0; i < _exactCount; i++)
            {
                writer.Write(_exact[i]);
            }
        }
        else
        {
            _quantiles!.WriteTo(writer);
            _distinct!.WriteTo(writer);
        }
    }

    /// <summary>Reads a profile written by <see cref="WriteTo"/>; throws <see cref="InvalidDataException"/> on any inconsistency.</summary>
    public static ColumnProfile ReadFrom(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var name = reader.ReadString();
        if (name.Length == 0)
        {
            throw new InvalidDataException("a column has an empty name.");
        }

        var type = reader.ReadByte() switch
        {
            0 => ColumnType.Numerical,
            1 => ColumnType.Categorical,
            var t => throw new InvalidDataException($"column '{name}': unknown type code {t}."),
        };
        var options = new ProfileOptions
        {
            ExactLimit = reader.ReadInt32(),
            KllK = reader.ReadInt32(),
            HllLgK = reader.ReadByte(),
            FrequentItems = reader.ReadInt32(),
            SmallValueLimit = reader.ReadInt32(),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"column '{name}': {ex.Message}", ex);
        }

        var profile = new ColumnProfile(name, type, options) { Moments = MomentsSketch.ReadFrom(reader) };
        if (type == ColumnType.Categorical)
        {
            profile.Items = FrequentItemsSketch.ReadFrom(reader);
            profile._distinct = HyperLogLog.ReadFrom(reader);
            Check(profile.Items.TotalCount == profile.Moments.StringCount, name, "category counts disagree with the value counter");
            return profile;
        }

        var remaining = reader.BaseStream.Length - reader.BaseStream.Position;
        if (reader.ReadBoolean())
        {
            var n = reader.ReadInt32();
            Check(n >= 0 && n <= options.SmallValueLimit + 1 && n * 16L <= remaining, name, $"bad distinct value count {n}");
            var map = new Dictionary<double, long>(n);
            for (var i = 0; i < n; i++)
            {
                var value = reader.ReadDouble();
                var count = reader.ReadInt64();
                Check(double.IsFinite(value) && count > 0 && map.TryAdd(value, count), name, "bad value count entry");
            }

            profile._smallValues = map;
        }
        else
        {
            profile._smallValues = null;
        }

        if (reader.ReadBoolean())
        {
            var n = reader.ReadInt32();
            Check(n >= 0 && n <= options.ExactLimit && n * 8L <= remaining, name, $"bad exact value count {n}");
            Check(n == profile.Moments.Count, name, $"exact value count {n} disagrees with the moments' count {profile.Moments.Count}");
            profile._exact = new double[Math.Max(n, 1)];
            for (var i = 0; i < n; i++)
            {
                var v = reader.ReadDouble();
                Check(double.IsFinite(v), name, "an exact value is not finite");
                profile._exact[i] = v;
            }

            profile._exactCount = n;
        }
        else
        {
            profile._exact = null;
            profile._quantiles = KllSketch.ReadFrom(reader);
            profile._distinct = HyperLogLog.ReadFrom(reader);
            Check(profile._quantiles.K == options.KllK && profile._distinct.LgK == options.HllLgK, name, "sketch parameters disagree with the column's options");
            Check(profile._quantiles.Count == profile.Moments.Count, name, $"quantile sketch count {profile._quantiles.Count} disagrees with the moments' count {profile.Moments.Count}");
        }

        return profile;
    }

    internal static string TypeName(ColumnType type) => type == ColumnType.Numerical ? "numerical" : "categorical";

    private static void Check(bool condition, string column, string what)
    {
        if (!condition)
        {
            throw new InvalidDataException($"column '{column}': {what}.");
        }
    }

    private void RequireNumerical()
    {
        if (Type != ColumnType.Numerical)
        {
            throw new InvalidOperationException($"column '{Name}' is categorical: it has no quantiles.");
        }
    }

    private void LeaveExactMode()
    {
        _quantiles = BuildQuantiles();
        _distinct = BuildDistinct();
        _exact = null;
        _exactCount = 0;
    }

    private KllSketch BuildQuantiles()
    {
        var sketch = new KllSketch(_options.KllK);
        foreach (var v in ExactValues)
        {
            sketch.Update(v);
        }

        if (_exact is null)
        {
            _quantiles = sketch;
        }

        return sketch;
    }

    private HyperLogLog BuildDistinct()
    {
        var sketch = new HyperLogLog(_options.HllLgK);
        foreach (var v in ExactValues)
        {
            sketch.Update(v);
        }

        if (_exact is null)
        {
            _distinct = sketch;
        }

        return sketch;
    }

    private void MergeSmallValues(ColumnProfile other)
    {
        if (_smallValues is null)
        {
            return;
        }

        if (other._smallValues is null)
        {
            _smallValues = null;
            return;
        }

        foreach (var (value, count) in other._smallValues)
        {
            _smallValues[value] = _smallValues.GetValueOrDefault(value) + count;
        }

        if (_smallValues.Count > _options.SmallValueLimit)
        {
            _smallValues = null;
        }
    }
}
