namespace Vigil.Core.Windows;

/// <summary>Identifies one profile window of a model.</summary>
/// <param name="Version">The model version.</param>
/// <param name="Variant">The variant (primary, shadow, canary, an A/B arm).</param>
/// <param name="Segment">Empty for all traffic, or one segment tag as <c>name:value</c>.</param>
/// <param name="Start">The window's start (UTC, aligned to the model's window length from the Unix epoch).</param>
public readonly record struct WindowKey(string Version, string Variant, string Segment, DateTimeOffset Start)
{
    /// <summary>The segment key of all traffic.</summary>
    public const string AllSegments = "";

    /// <summary>The segment key for one tag.</summary>
    public static string SegmentOf(string name, string value) => string.Concat(name, ":", value);

    /// <summary>The start of the window of length <paramref name="window"/> that holds <paramref name="time"/>.</summary>
    public static DateTimeOffset Align(DateTimeOffset time, TimeSpan window)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var aligned = ticks - (((ticks % window.Ticks) + window.Ticks) % window.Ticks);
        return new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + aligned, TimeSpan.Zero);
    }
}
