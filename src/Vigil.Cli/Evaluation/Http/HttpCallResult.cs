namespace Vigil.Cli.Evaluation.Http;

/// <summary>The outcome of an HTTP call with retries.</summary>
/// <param name="Body">The response body of a 2xx answer; null on failure.</param>
/// <param name="StatusCode">The last HTTP status received, if any.</param>
/// <param name="Error">Why the call failed (last attempt), without request headers; null on success.</param>
/// <param name="LatencyMs">Duration of the last attempt in milliseconds (request sent to body read).</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="Waits">The waits before each retry, in order (backoff or Retry-After).</param>
internal sealed record HttpCallResult(string? Body, int? StatusCode, string? Error, double LatencyMs, int Attempts, IReadOnlyList<TimeSpan> Waits)
{
    /// <summary>A 2xx answer was received.</summary>
    public bool Success => Error is null;
}
