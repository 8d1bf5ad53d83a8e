namespace Vigil.Cli.Tests.Evaluation;

/// <summary>A request the fake server received.</summary>
internal sealed record FakeRequest(string Method, string Path, string Body, string? Authorization);
