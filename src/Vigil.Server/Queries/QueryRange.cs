using System.Globalization;
using System.Xml;
using Vigil.Core.Models;
using Vigil.Core.Windows;

namespace Vigil.Server.Queries;

/// <summary>The common query parameters: time range, step, version, variant and segment, checked.</summary>
internal sealed record QueryRange(DateTimeOffset From, DateTimeOffset To, TimeSpan Step, string? Version, string? Variant, string Segment)
{
    /// <summary>Most buckets a query may return.</summary>
    public const int MaxBuckets = 20_000;

    /// <summary>Reads the parameters; returns null with the problem (naming the parameter) when they are not valid.</summary>
    public static QueryRange? Parse(ModelSchema schema, string? from, string? to, string? step, string? version, string? variant, string? segment, DateTimeOffset now, out string? error)
    {
        error = null;
        var end = now;
        if (to is not null && !TryTime(to, out end))
        {
            error = $"to: '{to}' is not an ISO 8601 time.";
            return null;
        }

        var start = end - TimeSpan.FromDays(1);
        if (from is not null && !TryTime(from, out start))
        {
            error = $"from: '{from}' is not an ISO 8601 time.";
            return null;
        }

        if (end <= start)
        {
            error = $"to ({end:O}) must be after from ({start:O}).";
            return null;
        }

        var window = schema.Window;
        var stepLength = window;
        if (step is "all")
        {
            stepLength = TimeSpan.Zero;
        }
        else if (step is not null)
        {
            if (!TryDuration(step, out stepLength) || stepLength < window || stepLength.Ticks % window.Ticks != 0)
            {
                error = $"step: '{step}' must be 'all' or a whole multiple of the model's window ({schema.WindowMinutes} min), such as 1h, 6h, 1d or PT2H.";
                return null;
            }
        }

        // Windows are whole: the range is widened to window boundaries.
        start = WindowKey.Align(start, window);
        var alignedEnd = WindowKey.Align(end, window);
        end = alignedEnd < end ? alignedEnd + window : alignedEnd;
        if (stepLength > TimeSpan.Zero && (end - start).Ticks / stepLength.Ticks > MaxBuckets)
        {
            error = $"the range holds more than {MaxBuckets} steps of {stepLength}; use a larger step.";
            return null;
        }

        foreach (var (name, value) in new[] { ("version", version), ("variant", variant) })
        {
            if (value is not null && !Names.IsValid(value))
            {
                error = $"{name}: '{value}' is not a valid name.";
                return null;
            }
        }

        if (segment is not null && (segment.IndexOf(':', StringComparison.Ordinal) <= 0 || segment.Length > 301))
        {
            error = $"segment: '{segment}' must be name:value (for example region:eu).";
            return null;
        }

        return new QueryRange(start, end, stepLength, version, variant, segment ?? WindowKey.AllSegments);
    }

    /// <summary>The start of the bucket holding a window.</summary>
    public DateTimeOffset Bucket(DateTimeOffset windowStart) =>
        Step == TimeSpan.Zero ? From : From + TimeSpan.FromTicks((windowStart - From).Ticks / Step.Ticks * Step.Ticks);

    /// <summary>The end of the bucket starting at <paramref name="bucket"/>.</summary>
    public DateTimeOffset BucketEnd(DateTimeOffset bucket) => Step == TimeSpan.Zero ? To : Min(bucket + Step, To);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static bool TryTime(string s, out DateTimeOffset t) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out t);

    internal static bool TryDuration(string s, out TimeSpan d)
    {
        d = default;
        if (s.Length >= 2 && char.IsAsciiDigit(s[0]) && int.TryParse(s.AsSpan(0, s.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            d = char.ToLowerInvariant(s[^1]) switch
            {
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                _ => default,
            };
            return d > TimeSpan.Zero;
        }

        try
        {
            d = XmlConvert.ToTimeSpan(s);
            return d > TimeSpan.Zero;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
