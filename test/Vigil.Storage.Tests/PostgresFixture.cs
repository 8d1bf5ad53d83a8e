using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Vigil.Storage.Tests;

/// <summary>
/// Starts a throwaway PostgreSQL server for a test collection: the highest version under
/// <c>/usr/lib/postgresql/*/bin</c> (or <c>VIGIL_PG_BIN</c>), <c>initdb -A trust</c> into a temporary directory,
/// <c>pg_ctl start</c> on a free loopback port with fsync off, stopped with <c>-m immediate</c> on dispose. As
/// root, the server runs as the <c>postgres</c> OS user. Each test gets its own database from
/// <see cref="CreateDatabaseAsync"/>. Without the binaries the fixture does nothing and the tests are skipped
/// (see <see cref="SkipReason"/>), unless <c>CI=true</c>, where it fails saying how to install them.
/// Other test projects link this file (<c>&lt;Compile Include="..\Vigil.Storage.Tests\PostgresFixture.cs" /&gt;</c>).
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    /// <summary>The xunit collection that shares one server.</summary>
    public const string CollectionName = "postgres";

    private const string InstallHint = "install PostgreSQL (Debian/Ubuntu: `apt-get install -y postgresql`) or set VIGIL_PG_BIN to its bin directory";

    private string? _root;
    private string? _connectionString;

    /// <summary>The directory holding initdb and pg_ctl, or null when PostgreSQL is not installed.</summary>
    public static string? BinDirectory { get; } = FindBinDirectory();

    /// <summary>Why PostgreSQL tests are skipped here, or null when they run (binaries found, or CI=true).</summary>
    public static string? SkipReason => BinDirectory is null && !IsCi
        ? $"PostgreSQL binaries not found under /usr/lib/postgresql/*/bin: {InstallHint} (with CI=true this is a failure)"
        : null;

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>A connection string to the server's <c>postgres</c> database.</summary>
    public string AdminConnectionString =>
        _connectionString ?? throw new InvalidOperationException($"PostgreSQL is not running: {SkipReason ?? InstallHint}");

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        if (BinDirectory is null)
        {
            if (IsCi)
            {
                throw new InvalidOperationException($"CI=true and no PostgreSQL binaries under /usr/lib/postgresql/*/bin: {InstallHint}.");
            }

            return;
        }

        _root = Path.Combine(Path.GetTempPath(), "vigil-pg-" + Guid.NewGuid().ToString("N"));
        var data = Path.Combine(_root, "data");
        var sockets = Path.Combine(_root, "sock");
        Directory.CreateDirectory(sockets);
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", _root], asPostgres: false);
        }

        await RunAsync(Path.Combine(BinDirectory, "initdb"), ["-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync", "-D", data], IsRoot);
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var options = $"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=300";
            try
            {
                await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "-o", options, "start"], IsRoot);
                _connectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Include Error Detail=true";
                return;
            }
            catch (InvalidOperationException e)
            {
                // Retried: another process may have taken the port between the probe and the start.
                if (attempt >= 3)
                {
                    var log = Path.Combine(_root, "server.log");
                    throw new InvalidOperationException($"{e.Message}{Environment.NewLine}{log}:{Environment.NewLine}{(File.Exists(log) ? await File.ReadAllTextAsync(log) : "(none)")}", e);
                }
            }
        }
    }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "vigil_" + Guid.NewGuid().ToString("N");
        await using (var c = new NpgsqlConnection(AdminConnectionString + ";Pooling=false"))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            await cmd.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_root is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        if (_connectionString is not null)
        {
            await RunAsync(Path.Combine(BinDirectory!, "pg_ctl"), ["-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "stop"], IsRoot);
        }

        Directory.Delete(_root, recursive: true);
    }

    private static string? FindBinDirectory()
    {
        if (Environment.GetEnvironmentVariable("VIGIL_PG_BIN") is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "initdb")) ? configured : null;
        }

        if (!Directory.Exists("/usr/lib/postgresql"))
        {
            return null;
        }

        return Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: double.TryParse(Path.GetFileName(d), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : -1))
            .Where(x => File.Exists(Path.Combine(x.Dir, "initdb")) && File.Exists(Path.Combine(x.Dir, "pg_ctl")))
            .OrderByDescending(x => x.Version)
            .Select(x => x.Dir)
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, string[] arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var a in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:{Environment.NewLine}{await stdout}{await stderr}");
        }
    }
}
