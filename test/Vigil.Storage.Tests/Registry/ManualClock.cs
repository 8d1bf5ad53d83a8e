namespace Vigil.Storage.Tests.Registry;

/// <summary>A clock the test sets by hand.</summary>
public sealed class ManualClock : TimeProvider
{
    /// <summary>Starts at <paramref name="now"/>.</summary>
    public ManualClock(DateTimeOffset now) => Now = now;

    /// <summary>The time <see cref="GetUtcNow"/> returns.</summary>
    public DateTimeOffset Now { get; set; }

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => Now;
}
