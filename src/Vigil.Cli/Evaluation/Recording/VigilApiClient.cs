using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Vigil.Cli.Data;

namespace Vigil.Cli.Evaluation.Recording;

/// <summary>
/// Calls the Vigil server for <c>vigil eval</c>: bearer key, ProblemDetails turned into messages that name the
/// server's complaint, connection failures that name the URL. The key is never printed.
/// </summary>
internal sealed class VigilApiClient : IDisposable
{
    private readonly HttpClient _http;

    public VigilApiClient(Uri server, string apiKey)
    {
        _http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(10) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct, params HttpStatusCode[] accepted)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new InputException($"cannot reach the Vigil server at {_http.BaseAddress}: {ex.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new InputException($"the Vigil server at {_http.BaseAddress} did not answer {method} {path} in time.");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (response.IsSuccessStatusCode || accepted.Contains(response.StatusCode))
            {
                return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
            }

            var detail = body;
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String)
                {
                    detail = d.GetString()!;
                }
            }
            catch (JsonException)
            {
                // not ProblemDetails: show the body as it is
            }

            throw new InputException($"the Vigil server refused {method} {path} ({(int)response.StatusCode} {response.ReasonPhrase}): {detail}");
        }
    }

    public void Dispose() => _http.Dispose();
}
