using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Vigil.IngestBench;

/// <summary>HTTP to one Vigil server with one API key; one connection per concurrent request.</summary>
internal sealed class BenchClient : IDisposable
{
    private readonly HttpClient _http;

    public BenchClient(string url, string key, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, connections),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    /// <summary>POSTs a body; returns the status and the answer's <c>accepted</c> count (-1 when absent).</summary>
    public async Task<(HttpStatusCode Status, long Accepted)> PostAsync(string path, byte[] body, int length, string contentType)
    {
        using var content = new ByteArrayContent(body, 0, length);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await _http.PostAsync(path, content);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return (response.StatusCode, Accepted(bytes));
    }

    /// <summary>PUTs a JSON body; throws unless 2xx.</summary>
    public async Task PutJsonAsync(string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PutAsync(path, content);
        await EnsureAsync(response, "PUT " + path);
    }

    /// <summary>POSTs a body; throws unless 2xx.</summary>
    public async Task PostOrThrowAsync(string path, byte[] body, string contentType)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await _http.PostAsync(path, content);
        await EnsureAsync(response, "POST " + path);
    }

    /// <summary>GETs a resource fully; returns the body (throws unless 2xx).</summary>
    public async Task<byte[]> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path}: HTTP {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes)}");
        }

        return bytes;
    }

    public void Dispose() => _http.Dispose();

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static long Accepted(byte[] body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("accepted"u8))
                {
                    reader.Read();
                    return reader.GetInt64();
                }
            }
        }
        catch (JsonException)
        {
        }

        return -1;
    }
}
