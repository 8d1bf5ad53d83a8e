namespace Vigil.Cli.Evaluation.Http;

/// <summary>Timeouts and retries for the model endpoint and the judge (<c>--timeout</c>, <c>--retries</c>, <c>--retry-delay</c>).</summary>
internal sealed record RetryOptions
{
    /// <summary>Time limit of one attempt, from sending the request to reading the whole response. Default 30 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt (so at most <c>Retries + 1</c> attempts). Default 3.</summary>
    public int Retries { get; init; } = 3;

    /// <summary>Backoff before retry k (k = 1, 2, ...) is <c>BaseDelay * 2^(k-1)</c> (plus <see cref="Jitter"/>) unless the server sends Retry-After. Default 0.5 s.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>
    /// Random extra share of each backoff, drawn uniformly in [0, Jitter), so that many clients failing together do not
    /// retry in lockstep. Default 0.2 (a backoff of 1 s waits 1 to 1.2 s). Retry-After waits are not jittered.
    /// </summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>Upper limit of any wait, backoff or Retry-After. Default 60 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Throws <see cref="UsageException"/> naming the option when a value is out of range.</summary>
    public void Validate()
    {
        if (!(Timeout > TimeSpan.Zero))
        {
            throw new UsageException("--timeout must be a positive number of seconds.");
        }

        if (Retries is < 0 or > 20)
        {
            throw new UsageException("--retries must be between 0 and 20.");
        }

        if (BaseDelay < TimeSpan.Zero || BaseDelay > MaxDelay)
        {
            throw new UsageException($"--retry-delay must be between 0 and {MaxDelay.TotalSeconds} seconds.");
        }
    }

    /// <summary>The exponential backoff before retry <paramref name="retry"/> (1-based), capped at <see cref="MaxDelay"/>.</summary>
    public TimeSpan Backoff(int retry)
    {
        var seconds = BaseDelay.TotalSeconds * Math.Pow(2, retry - 1) * (1 + (Jitter * Random.Shared.NextDouble()));
        return seconds >= MaxDelay.TotalSeconds ? MaxDelay : TimeSpan.FromSeconds(seconds);
    }
}
