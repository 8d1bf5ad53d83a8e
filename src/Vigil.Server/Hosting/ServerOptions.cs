namespace Vigil.Server.Hosting;

/// <summary>Settings of <c>vigil serve</c> (configuration section "Vigil", environment variables <c>VIGIL__NAME</c>).</summary>
public sealed class ServerOptions
{
    /// <summary>Addresses to listen on, separated by ';' (default <c>http://127.0.0.1:5080</c>: loopback only).</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Data directory for the SQLite store (default <c>./vigil-data</c>).</summary>
    public string DataDirectory { get; set; } = "vigil-data";

    /// <summary><c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public string Store { get; set; } = "sqlite";

    /// <summary>The PostgreSQL connection string (required with <c>postgres</c>; never logged).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Largest request body in bytes (default 64 MiB).</summary>
    public long MaxBodyBytes { get; set; } = 64L << 20;

    /// <summary>How long raw events are kept (default 30 days); window profiles are kept.</summary>
    public TimeSpan RawRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often window deltas are compacted (default 30 s).</summary>
    public TimeSpan CompactionInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often labels that arrived before their prediction (or raced with it) are joined (default 5 s).</summary>
    public TimeSpan JoinSweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most ingest requests waiting for the writer (default 256); past it requests get 503 with Retry-After.</summary>
    public int IngestQueueCapacity { get; set; } = 256;

    /// <summary>Most events the writer commits in one transaction (default 50,000).</summary>
    public int MaxEventsPerCommit { get; set; } = 50_000;

    /// <summary>Checks the settings; returns the first problem, naming the setting, or null.</summary>
    public string? Validate()
    {
        if (Store is not ("sqlite" or "postgres"))
        {
            return $"Vigil:Store must be sqlite or postgres, not '{Store}'.";
        }

        if (Store == "postgres" && string.IsNullOrWhiteSpace(ConnectionString))
        {
            return "Vigil:ConnectionString is required with --store postgres.";
        }

        if (MaxBodyBytes < 1024)
        {
            return "Vigil:MaxBodyBytes must be at least 1024.";
        }

        if (RawRetention < TimeSpan.FromHours(1))
        {
            return "Vigil:RawRetention must be at least one hour.";
        }

        return IngestQueueCapacity < 1 ? "Vigil:IngestQueueCapacity must be at least 1." : null;
    }
}
