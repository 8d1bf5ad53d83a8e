namespace Vigil.Server.Registry;

/// <summary>A registry operation's outcome: a value, or an error with its HTTP status and a message naming what is wrong.</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed record RegistryResult<T>
{
    private RegistryResult(T? value, RegistryError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value (when <see cref="Error"/> is null).</summary>
    public T? Value { get; }

    /// <summary>The error, or null.</summary>
    public RegistryError? Error { get; }

    /// <summary>A success.</summary>
    public static RegistryResult<T> Ok(T value) => new(value, null);

    /// <summary>A failure.</summary>
    public static RegistryResult<T> Fail(int status, string detail, IReadOnlyList<RuleOutcome>? rules = null) => new(default, new RegistryError(status, detail, rules));

    /// <summary>The same failure as another result's.</summary>
    public static RegistryResult<T> From(RegistryError error) => new(default, error);
}

/// <summary>Why an operation failed.</summary>
/// <param name="Status">400, 404, 409 or 500.</param>
/// <param name="Detail">What is wrong, naming the model, version, rule and values.</param>
/// <param name="Rules">For a refused promotion: every rule's verdict.</param>
public sealed record RegistryError(int Status, string Detail, IReadOnlyList<RuleOutcome>? Rules);
