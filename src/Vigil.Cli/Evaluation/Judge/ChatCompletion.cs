namespace Vigil.Cli.Evaluation.Judge;

/// <summary>One chat-completions call: the answer's text and the usage the server reported.</summary>
/// <param name="Content">choices[0].message.content; null when the call failed.</param>
/// <param name="PromptTokens">usage.prompt_tokens (0 when absent).</param>
/// <param name="CompletionTokens">usage.completion_tokens (0 when absent).</param>
/// <param name="LatencyMs">Duration of the last attempt.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="Error">Why the call failed; null on success.</param>
internal sealed record ChatCompletion(string? Content, long PromptTokens, long CompletionTokens, double LatencyMs, int Attempts, string? Error);
