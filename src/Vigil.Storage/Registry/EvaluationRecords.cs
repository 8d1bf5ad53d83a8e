namespace Vigil.Storage.Registry;

/// <summary>A recorded evaluation run (from <c>vigil eval --record</c> or the API).</summary>
/// <param name="Id">Run id (assigned by the server).</param>
/// <param name="Model">The model evaluated.</param>
/// <param name="Version">The model version evaluated.</param>
/// <param name="GoldenSet">The golden set's registered name, or null when the run used an unregistered file.</param>
/// <param name="DatasetSha256">SHA-256 of the golden set file (lower-case hex).</param>
/// <param name="Task">classification, regression, extraction, text or judge.</param>
/// <param name="Passed">Whether every gate passed.</param>
/// <param name="ConfigJson">The run's configuration (JSON object: gates, options, endpoint, prompt version, ...).</param>
/// <param name="ResultJson">The <c>vigil eval --format json</c> document.</param>
/// <param name="CreatedAt">When recorded.</param>
/// <param name="CreatedBy">The API key name that recorded it.</param>
public sealed record EvalRunRecord(
    string Id,
    string Model,
    string Version,
    string? GoldenSet,
    string DatasetSha256,
    string Task,
    bool Passed,
    string ConfigJson,
    string ResultJson,
    DateTimeOffset CreatedAt,
    string CreatedBy);

/// <summary>Which evaluation runs to list (newest first).</summary>
/// <param name="Model">The model.</param>
/// <param name="Version">One version, or all.</param>
/// <param name="GoldenSet">One golden set name, or all.</param>
/// <param name="DatasetSha256">One dataset hash, or all.</param>
/// <param name="Limit">At most this many.</param>
public sealed record EvalRunQuery(string Model, string? Version = null, string? GoldenSet = null, string? DatasetSha256 = null, int Limit = 100);

/// <summary>A registered golden set version; the file itself is an artifact under <paramref name="Sha256"/>.</summary>
/// <param name="Name">The set's name (e.g. <c>invoices</c>).</param>
/// <param name="Sha256">SHA-256 of the JSONL file: the version's identity.</param>
/// <param name="Items">Number of items.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Description">Free text, or null.</param>
/// <param name="CreatedAt">When registered.</param>
/// <param name="CreatedBy">The API key name that registered it.</param>
public sealed record GoldenSetRecord(string Name, string Sha256, long Items, long Size, string? Description, DateTimeOffset CreatedAt, string CreatedBy);
