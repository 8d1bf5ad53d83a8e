using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Vigil.Cli.Registry;

/// <summary>
/// The CLI's one client of the Vigil server (registry commands, <c>vigil eval --record</c>, <c>vigil profile
/// --reference</c>): the base URL (<c>{server}/api/v1/registry/</c> by default), the bearer key (never
/// printed), ProblemDetails answers turned into <see cref="RegistryFailure"/>s, and a clear message naming the URL
/// when the server cannot be reached.
/// </summary>
internal sealed class RegistryHttp : IDisposable
{
    private readonly HttpClient _client;

    /// <param name="server">The server's base URL.</param>
    /// <param name="apiKey">The key, or null.</param>
    /// <param name="timeout">How long one request may take.</param>
    /// <param name="basePath">What relative paths start from: the registry routes by default; <c>api/v1/</c> for the others.</param>
    public RegistryHttp(Uri server, string? apiKey, TimeSpan timeout, string basePath = "api/v1/registry/")
    {
        Server = server;
        _client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(server, basePath),
            Timeout = timeout,
        };
        if (!string.IsNullOrEmpty(apiKey))
        {
            _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    /// <summary>The server's base URL (ends with '/').</summary>
    public Uri Server { get; }

    /// <summary>A relative path of escaped segments: <c>models/{model}/versions/{ref}</c>.</summary>
    public static string PathOf(params string[] segments) => string.Join('/', segments.Select(Uri.EscapeDataString));

    /// <summary>A JSON request body of the fields that have a value (the server reads snake_case names).</summary>
    public static StringContent JsonContent(Dictionary<string, object?> fields) =>
        new(JsonSerializer.Serialize(fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal)), Encoding.UTF8, "application/json");

    public Task<RegistryResponse> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, ct);

    /// <summary>Sends a request and reads the whole answer; only an unreachable server throws.</summary>
    public async Task<RegistryResponse> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await SendHeadersAsync(request, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return new RegistryResponse(response.StatusCode, body);
    }

    /// <summary>Sends a request and returns once the headers are in (the caller streams the body and disposes).</summary>
    public async Task<HttpResponseMessage> SendHeadersAsync(HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            var why = ex.InnerException is SocketException s ? s.Message : ex.Message;
            throw new RegistryFailure(ExitCodes.BadInput, $"cannot reach the Vigil server at {Server}: {why}. Is 'vigil serve' running there? Set --server or VIGIL_URL.", ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new RegistryFailure(ExitCodes.BadInput, $"the Vigil server at {Server} did not answer within {_client.Timeout.TotalSeconds:0} s.", ex);
        }
    }

    public void Dispose() => _client.Dispose();
}
