using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Vigil.Cli.Data;
using Vigil.Cli.Evaluation.Http;

namespace Vigil.Cli.Evaluation.Judge;

/// <summary>
/// A minimal OpenAI-compatible chat-completions client: POST <c>{base}/v1/chat/completions</c> with
/// <c>{"model", "temperature": 0, "messages": [system, user]}</c>, bearer key from <see cref="JudgeOptions.ApiKey"/>.
/// The key is never part of a message, log line or result.
/// </summary>
internal sealed class ChatCompletionClient(HttpClient client, JudgeOptions options, TimeProvider time)
{
    private readonly JudgeOptions _options = options;
    private readonly RetryingHttpSender _sender = new(client, options.Retry, time);

    /// <summary>
    /// Asks the judge. A failed call is a result with <see cref="ChatCompletion.Error"/>; a refused key
    /// (401 or 403) stops the run as bad input, since every further call would fail the same way.
    /// </summary>
    public async Task<ChatCompletion> CompleteAsync(string system, string user, CancellationToken cancellation)
    {
        var body = Body(system, user);
        var url = _options.CompletionsUrl;
        var result = await _sender.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                if (_options.ApiKey is { Length: > 0 } key)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                }

                return request;
            },
            cancellation).ConfigureAwait(false);
        if (result.StatusCode is 401 or 403)
        {
            throw new InputException($"--judge-url {url}: HTTP {result.StatusCode}: the judge refused the request; check ${JudgeOptions.ApiKeyVariable} and --judge-model.");
        }

        return result.Success
            ? Parse(result)
            : new ChatCompletion(null, 0, 0, result.LatencyMs, result.Attempts, result.Error);
    }

    private byte[] Body(string system, string user)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", _options.Model);
            json.WriteNumber("temperature", 0);
            json.WriteStartArray("messages");
            foreach (var (role, content) in new[] { ("system", system), ("user", user) })
            {
                json.WriteStartObject();
                json.WriteString("role", role);
                json.WriteString("content", content);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static ChatCompletion Parse(HttpCallResult result)
    {
        try
        {
            using var document = JsonDocument.Parse(result.Body!);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
                && choices[0].ValueKind == JsonValueKind.Object
                && choices[0].TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
                && message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
            {
                return new ChatCompletion(content.GetString(), Tokens(root, "prompt_tokens"), Tokens(root, "completion_tokens"), result.LatencyMs, result.Attempts, null);
            }
        }
        catch (JsonException)
        {
        }

        return new ChatCompletion(null, 0, 0, result.LatencyMs, result.Attempts, "the response is not a chat completion (no choices[0].message.content)");
    }

    private static long Tokens(JsonElement root, string name) =>
        root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object
        && usage.TryGetProperty(name, out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt64(out var v) && v >= 0 ? v : 0;
}
