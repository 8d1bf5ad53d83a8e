namespace Vigil.Statistics.Profiles;

/// <summary>A dataset's profile: one <see cref="ColumnProfile"/> per column, the row count, the time range and the source.</summary>
public sealed class DatasetProfile
{
    private readonly List<ColumnProfile> _columns;
    private readonly Dictionary<string, ColumnProfile> _byName;

    /// <summary>Creates a profile from column profiles (names must be unique).</summary>
    public DatasetProfile(IEnumerable<ColumnProfile> columns, long rowCount, string? source = null, DateTimeOffset? start = null, DateTimeOffset? end = null, DateTimeOffset? createdAt = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        _columns = [.. columns];
        _byName = new Dictionary<string, ColumnProfile>(StringComparer.Ordinal);
        foreach (var c in _columns)
        {
            if (!_byName.TryAdd(c.Name, c))
            {
                throw new ArgumentException($"column '{c.Name}' appears twice.", nameof(columns));
            }
        }

        if (start is { } s && end is { } e && e < s)
        {
            throw new ArgumentException($"the time range ends ({e:O}) before it starts ({s:O}).", nameof(end));
        }

        RowCount = rowCount;
        Source = source;
        Start = start;
        End = end;
        CreatedAt = createdAt ?? DateTimeOffset.UnixEpoch;
    }

    /// <summary>Columns in order.</summary>
    public IReadOnlyList<ColumnProfile> Columns => _columns;

    /// <summary>Rows profiled.</summary>
    public long RowCount { get; private set; }

    /// <summary>Where the data came from (file names, joined with "+" after a merge).</summary>
    public string? Source { get; private set; }

    /// <summary>Start of the time range covered, when known.</summary>
    public DateTimeOffset? Start { get; private set; }

    /// <summary>End of the time range covered, when known.</summary>
    public DateTimeOffset? End { get; private set; }

    /// <summary>When the profile was made (from the caller's clock; the Unix epoch when not given, so output stays reproducible).</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>A column by name, or null.</summary>
    public ColumnProfile? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>
    /// Merges profiles (of time windows or machines) into a new one. Columns are matched by name; a column
    /// absent from one input counts that input's rows as missing. The inputs are not changed.
    /// </summary>
    public static DatasetProfile Merge(IReadOnlyList<DatasetProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        if (profiles.Count == 0)
        {
            throw new ArgumentException("nothing to merge.", nameof(profiles));
        }

        var columns = new List<ColumnProfile>();
        var byName = new Dictionary<string, ColumnProfile>(StringComparer.Ordinal);
        long rows = 0;
        DateTimeOffset? start = null, end = null, created = null;
        var sources = new List<string>();
        foreach (var profile in profiles)
        {
            foreach (var column in profile.Columns)
            {
                if (byName.TryGetValue(column.Name, out var merged))
                {
                    merged.Merge(column);
                }
                else
                {
                    var copy = column.Clone();
                    for (long r = 0; r < rows; r++)
                    {
                        copy.AddMissing(); // the column was absent from the profiles before
                    }

                    byName[column.Name] = copy;
                    columns.Add(copy);
                }
            }

            foreach (var column in columns)
            {
                if (profile.Find(column.Name) is null)
                {
                    for (long r = 0; r < profile.RowCount; r++)
                    {
                        column.AddMissing();
                    }
                }
            }

            rows += profile.RowCount;
            start = Min(start, profile.Start);
            end = Max(end, profile.End);
            created = Max(created, profile.CreatedAt);
            if (profile.Source is { Length: > 0 } s)
            {
                sources.Add(s);
            }
        }

        return new DatasetProfile(columns, rows, sources.Count == 0 ? null : string.Join(" + ", sources), start, end, created);
    }

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
