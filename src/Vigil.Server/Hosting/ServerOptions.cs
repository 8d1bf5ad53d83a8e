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

    /// <summary>
    /// Ingest transactions this process runs at once (default 0: one on SQLite, whose writes take turns anyway;
    /// two on PostgreSQL, where the database works on one while the server prepares the other).
    /// </summary>
    public int IngestWriters { get; set; }

    /// <summary>The number of concurrent ingest transactions: <see cref="IngestWriters"/>, or the store's default.</summary>
    public int EffectiveIngestWriters => IngestWriters > 0 ? IngestWriters : Store == "postgres" ? 2 : 1;

    /// <summary>Largest registry artifact or golden set upload (default 2 GiB).</summary>
    public long MaxArtifactBytes { get; set; } = 2L << 30;

    /// <summary>How often webhook deliveries that are due are looked for (default 1 s).</summary>
    public TimeSpan WebhookPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a receiver may take to answer (default 10 s).</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Delay before the first retry; each retry doubles it (default 2 s).</summary>
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest delay between retries (default 1 h).</summary>
    public TimeSpan WebhookMaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts before a delivery is given up (default 10).</summary>
    public int WebhookMaxAttempts { get; set; } = 10;

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

        if (IngestWriters is < 0 or > 16)
        {
            return "Vigil:IngestWriters must be from 0 (the store's default) to 16.";
        }

        if (MaxArtifactBytes < 1024)
        {
            return "Vigil:MaxArtifactBytes must be at least 1024.";
        }

        if (WebhookMaxAttempts is < 1 or > 100)
        {
            return "Vigil:WebhookMaxAttempts must be from 1 to 100.";
        }

        if (WebhookTimeout <= TimeSpan.Zero || WebhookRetryDelay <= TimeSpan.Zero || WebhookPollInterval <= TimeSpan.Zero || WebhookMaxRetryDelay < WebhookRetryDelay)
        {
            return "Vigil:WebhookTimeout, WebhookRetryDelay and WebhookPollInterval must be positive, and WebhookMaxRetryDelay at least WebhookRetryDelay.";
        }

        return IngestQueueCapacity < 1 ? "Vigil:IngestQueueCapacity must be at least 1." : null;
    }
}
