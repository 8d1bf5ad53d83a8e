using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Vigil.Server.Tests.EndToEnd;

/// <summary>
/// One real <c>dotnet vigil.dll serve</c> process on a free loopback port, started and awaited through
/// <c>/healthz</c>, with its standard output and error kept for diagnostics. <see cref="Kill"/> sends SIGKILL
/// (no shutdown code runs); a new process can then be started on the same store.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServeProcess(Process process, Uri address, string name)
    {
        _process = process;
        Address = address;
        Name = name;
    }

    /// <summary>The base address (<c>http://127.0.0.1:port/</c>).</summary>
    public Uri Address { get; }

    /// <summary>A name for messages.</summary>
    public string Name { get; }

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote so far (standard error and output, interleaved), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <c>vigil serve</c> with <paramref name="store"/> options (<c>--data DIR</c>, or <c>--store postgres
    /// --connection CS</c>) and <paramref name="environment"/> settings (<c>VIGIL__...</c>), and waits for /healthz.
    /// </summary>
    public static async Task<ServeProcess> StartAsync(string name, string[] store, IReadOnlyDictionary<string, string>? environment = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var address = new Uri($"http://127.0.0.1:{port}/");
            var process = Process.Start(VigilBinary.StartInfo(["serve", "--urls", $"http://127.0.0.1:{port}", .. store], environment))
                ?? throw new InvalidOperationException("could not start dotnet vigil.dll serve.");
            var server = new ServeProcess(process, address, name);
            process.OutputDataReceived += (_, e) => server.Append("out", e.Data);
            process.ErrorDataReceived += (_, e) => server.Append("err", e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (await server.WaitHealthyAsync())
            {
                return server;
            }

            var output = server.Output;
            await server.DisposeAsync();
            // Another process may have taken the port between the probe and the bind: try another one.
            if (attempt >= 3 || !output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"{name}: vigil serve did not answer /healthz within {StartTimeout.TotalSeconds} s.{Environment.NewLine}{output}");
            }
        }
    }

    /// <summary>Starts several servers at once (their start-up is mostly JIT, which overlaps well); on any failure stops those that started.</summary>
    public static async Task<ServeProcess[]> StartAllAsync(IReadOnlyDictionary<string, string> environment, params (string Name, string[] Store)[] servers)
    {
        var starting = servers.Select(s => StartAsync(s.Name, s.Store, environment)).ToArray();
        try
        {
            return await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var t in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await t.Result.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>A client with the API key <paramref name="key"/>.</summary>
    public HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }

    /// <summary>Sends SIGKILL (on Linux <see cref="Process.Kill(bool)"/> does) and returns at once.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>SIGKILL, then waits for the exit.</summary>
    public async Task KillAsync()
    {
        Kill();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Fails with the process output when it has exited (it must stay up while the test talks to it).</summary>
    public void AssertRunning()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:{Environment.NewLine}{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // never started or already reaped
        }

        _process.Dispose();
    }

    private async Task<bool> WaitHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout && !_process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync("healthz");
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(50);
        }

        return false;
    }

    private void Append(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 1 << 20)
            {
                _output.Append(stream).Append(": ").AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
