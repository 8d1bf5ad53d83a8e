namespace Vigil.Cli.Evaluation.Http;

/// <summary>How <c>--endpoint</c> is called.</summary>
internal sealed record EndpointOptions
{
    /// <summary>The model's URL; each item's <c>input</c> is POSTed to it as JSON.</summary>
    public required Uri Url { get; init; }

    /// <summary>Requests in flight at most (<c>--concurrency</c>). Default 4.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Timeouts and retries.</summary>
    public RetryOptions Retry { get; init; } = new();

    /// <summary>Extra request headers (<c>--endpoint-header "Name: value"</c>), never printed.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Throws <see cref="UsageException"/> naming the option when a value is out of range.</summary>
    public void Validate()
    {
        if (Url.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--endpoint {Url}: must be an http:// or https:// URL.");
        }

        if (Concurrency is < 1 or > 256)
        {
            throw new UsageException("--concurrency must be between 1 and 256.");
        }

        Retry.Validate();
    }
}
