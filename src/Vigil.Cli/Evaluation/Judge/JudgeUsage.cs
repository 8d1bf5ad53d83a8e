namespace Vigil.Cli.Evaluation.Judge;

/// <summary>What the judge run used: calls, failures, tokens (from each response's <c>usage</c>), cost and latency.</summary>
/// <param name="Model">The judge model.</param>
/// <param name="Calls">Chat-completion calls made (one per item, two per item pairwise), not counting retries.</param>
/// <param name="FailedCalls">Calls without an answer after every retry (error, timeout, not a chat completion).</param>
/// <param name="ParseFailures">Answers rejected by the strict parser.</param>
/// <param name="PromptTokens">Sum of usage.prompt_tokens.</param>
/// <param name="CompletionTokens">Sum of usage.completion_tokens.</param>
/// <param name="Cost">PromptTokens / 1e6 * price in + CompletionTokens / 1e6 * price out; null when no price was given.</param>
/// <param name="Latency">Latency of the calls that answered.</param>
internal sealed record JudgeUsage(string Model, int Calls, int FailedCalls, int ParseFailures, long PromptTokens, long CompletionTokens, double? Cost, LatencySummary? Latency)
{
    /// <summary>The cost of the tokens at the given prices per 1M tokens, or null when neither price is given.</summary>
    public static double? CostOf(long promptTokens, long completionTokens, double? priceIn, double? priceOut) =>
        priceIn is null && priceOut is null ? null : (promptTokens / 1e6 * (priceIn ?? 0)) + (completionTokens / 1e6 * (priceOut ?? 0));
}
