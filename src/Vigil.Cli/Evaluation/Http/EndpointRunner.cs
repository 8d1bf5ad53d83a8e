using System.Text;
using System.Text.Json;

namespace Vigil.Cli.Evaluation.Http;

/// <summary>
/// Calls a model over HTTP for every golden item: POST the item's <c>input</c> as the JSON body; a 2xx response must
/// be a JSON object <c>{"prediction": ..., "score"?: p, "probabilities"?: {class: p}}</c>. At most
/// <see cref="EndpointOptions.Concurrency"/> requests are in flight. An item whose calls all fail, or whose response
/// has not that shape, is <see cref="ItemStatus.Failed"/> with the reason.
/// </summary>
internal sealed class EndpointRunner(HttpClient client, EndpointOptions options, TimeProvider time)
{
    private readonly EndpointOptions _options = options;
    private readonly RetryingHttpSender _sender = new(client, options.Retry, time);

    /// <summary>One item per golden item, in golden-set order.</summary>
    public async Task<IReadOnlyList<EvalItem>> RunAsync(IReadOnlyList<GoldenItem> golden, CancellationToken cancellation)
    {
        var items = new EvalItem[golden.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellation };
        await Parallel.ForEachAsync(Enumerable.Range(0, golden.Count), parallel, async (i, ct) =>
        {
            items[i] = await CallAsync(golden[i], ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return items;
    }

    private async Task<EvalItem> CallAsync(GoldenItem item, CancellationToken cancellation)
    {
        var body = item.Input.GetRawText();
        var result = await _sender.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, _options.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                foreach (var (name, value) in _options.Headers)
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                return request;
            },
            cancellation).ConfigureAwait(false);
        if (!result.Success)
        {
            return Failed(item, result, result.Error!);
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(result.Body!);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Failed(item, result, "response is not JSON");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return Failed(item, result, $"response is not a JSON object ({JsonlReader.Describe(root)})");
        }

        var prediction = EvalPrediction.TryRead(root, out var field, out var error);
        return prediction is null
            ? Failed(item, result, $"response field '{field}': {error}")
            : new EvalItem(item, prediction, ItemStatus.Ok) { LatencyMs = result.LatencyMs, Attempts = result.Attempts };
    }

    private static EvalItem Failed(GoldenItem item, HttpCallResult result, string error) =>
        new(item, null, ItemStatus.Failed) { Error = error, LatencyMs = result.LatencyMs, Attempts = result.Attempts };
}
