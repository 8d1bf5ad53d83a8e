namespace Vigil.Storage.Tests;

/// <summary>A fact that needs a real PostgreSQL: skipped, with the reason, when the binaries are missing outside CI.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> from <see cref="PostgresFixture.SkipReason"/>.</summary>
    public PostgresFactAttribute()
    {
        if (PostgresFixture.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
