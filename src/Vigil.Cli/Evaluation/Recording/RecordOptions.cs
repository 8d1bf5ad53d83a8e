namespace Vigil.Cli.Evaluation.Recording;

/// <summary>Where and as what <c>vigil eval --record</c> records the run.</summary>
internal sealed record RecordOptions
{
    /// <summary>The server (from --server or VIGIL_URL).</summary>
    public required Uri Server { get; init; }

    /// <summary>The API key (from --api-key or VIGIL_API_KEY; needs the ingest scope).</summary>
    public required string ApiKey { get; init; }

    /// <summary>The model evaluated.</summary>
    public required string Model { get; init; }

    /// <summary>The model version evaluated.</summary>
    public required string Version { get; init; }

    /// <summary>The golden set's registered name, or null.</summary>
    public string? GoldenSet { get; init; }

    /// <summary>Register the dataset file under <see cref="GoldenSet"/> first.</summary>
    public bool RegisterGoldenSet { get; init; }

    /// <summary>Configuration recorded with the run (prompt version, endpoint, gates, ...).</summary>
    public required IReadOnlyDictionary<string, object?> Config { get; init; }
}
