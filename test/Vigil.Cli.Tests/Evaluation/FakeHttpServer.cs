using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Vigil.Cli.Tests.Evaluation;

/// <summary>
/// A small HTTP server on 127.0.0.1 and a free port for tests: each request's body goes to a handler that returns
/// the status, body, headers and an optional delay. Requests are recorded.
/// </summary>
internal sealed class FakeHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<FakeRequest, Task<FakeResponse>> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _active;
    private int _maxActive;

    public FakeHttpServer(Func<FakeRequest, Task<FakeResponse>> handler)
    {
        _handler = handler;
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                _listener.Start();
                BaseUrl = $"http://127.0.0.1:{port}";
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _loop = Task.Run(LoopAsync);
    }

    public FakeHttpServer(Func<FakeRequest, FakeResponse> handler)
        : this(r => Task.FromResult(handler(r)))
    {
    }

    /// <summary><c>http://127.0.0.1:PORT</c>, without a trailing slash.</summary>
    public string BaseUrl { get; }

    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    /// <summary>The most requests that were being handled at the same time.</summary>
    public int MaxConcurrent => Volatile.Read(ref _maxActive);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        // A request counts as active from its arrival until its answer starts: the client cannot send its next
        // request before that, so the maximum is the client's real concurrency (counting until the connection is
        // closed would overlap the client's next request and read one too many).
        var active = Interlocked.Increment(ref _active);
        var counted = true;
        void Done()
        {
            if (counted)
            {
                counted = false;
                Interlocked.Decrement(ref _active);
            }
        }

        int seen;
        while (active > (seen = Volatile.Read(ref _maxActive)) && Interlocked.CompareExchange(ref _maxActive, active, seen) != seen)
        {
        }

        try
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync();
            }

            var request = new FakeRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, body, context.Request.Headers["Authorization"]);
            Requests.Enqueue(request);
            var response = await _handler(request);
            if (response.Delay > TimeSpan.Zero)
            {
                await Task.Delay(response.Delay, _stop.Token);
            }

            Done();
            context.Response.StatusCode = response.Status;
            foreach (var (name, value) in response.Headers ?? [])
            {
                context.Response.Headers[name] = value;
            }

            var bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException or InvalidOperationException)
        {
        }
        finally
        {
            Done();
        }
    }
}
