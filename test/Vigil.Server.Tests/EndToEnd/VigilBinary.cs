using System.Diagnostics;

namespace Vigil.Server.Tests.EndToEnd;

/// <summary>
/// The real <c>vigil</c> CLI: <c>vigil.dll</c> beside the test assembly (the test project references
/// Vigil.Cli, so every build layout — bin/obj or <c>--artifacts-path</c> — copies it there with its
/// runtimeconfig and deps), run with the <c>dotnet</c> host that runs the tests.
/// </summary>
internal static class VigilBinary
{
    private static readonly Lazy<string> Dll = new(FindDll);

    /// <summary>The path of vigil.dll; throws saying where it looked when it is missing.</summary>
    public static string DllPath => Dll.Value;

    /// <summary>The dotnet host: DOTNET_HOST_PATH (set by the SDK), this process when it is dotnet, else dotnet on PATH.</summary>
    public static string DotnetPath
    {
        get
        {
            if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
            {
                return host;
            }

            var self = Environment.ProcessPath;
            return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
        }
    }

    /// <summary>Process settings to run <c>dotnet vigil.dll args...</c> with both streams redirected.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(DotnetPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(DllPath);
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        // The child reads its settings from the command line and these only, never from the test's environment.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("VIGIL__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>Runs a CLI command to completion; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments)
    {
        using var process = Process.Start(StartInfo(arguments)) ?? throw new InvalidOperationException("could not start dotnet vigil.dll.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Creates an API key with <c>vigil keys create</c> and returns it (the last line of standard output).
    /// <paramref name="store"/> are the store options: <c>--data DIR</c> or <c>--store postgres --connection CS</c>.
    /// </summary>
    public static async Task<string> CreateKeyAsync(string name, string scopes, params string[] store)
    {
        var (exit, stdout, stderr) = await RunAsync(["keys", "create", "--name", name, "--scopes", scopes, .. store]);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (exit != 0 || lines.Length == 0 || !lines[^1].StartsWith("vgl_", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"vigil keys create exited with {exit} and printed no key.{Environment.NewLine}stdout: {stdout}{Environment.NewLine}stderr: {stderr}");
        }

        return lines[^1];
    }

    private static string FindDll()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("VIGIL_CLI_DLL") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        candidates.Add(Path.Combine(AppContext.BaseDirectory, "vigil.dll"));
        foreach (var path in candidates)
        {
            if (File.Exists(path) && File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")))
            {
                return path;
            }
        }

        throw new InvalidOperationException(
            $"vigil.dll (with vigil.runtimeconfig.json) not found at {string.Join(" or ", candidates)}. The end-to-end tests run the real CLI: " +
            "build the test project (it references src/Vigil.Cli, which copies vigil.dll beside the tests) or set VIGIL_CLI_DLL to a built vigil.dll.");
    }
}
