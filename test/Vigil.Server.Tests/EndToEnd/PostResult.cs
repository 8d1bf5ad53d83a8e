namespace Vigil.Server.Tests.EndToEnd;

/// <summary>The counts of an acknowledged (2xx) ingest request.</summary>
/// <param name="Accepted">Rows newly stored.</param>
/// <param name="Duplicates">Rows whose id was already stored.</param>
/// <param name="Rejected">Rows refused by validation.</param>
internal sealed record PostResult(int Accepted, int Duplicates, int Rejected);
