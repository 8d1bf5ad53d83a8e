namespace Vigil.Cli.Tests.Evaluation;

/// <summary>What the fake server answers: status, body, optional delay and headers.</summary>
internal sealed record FakeResponse(int Status, string Body)
{
    public TimeSpan Delay { get; init; }

    public Dictionary<string, string>? Headers { get; init; }

    public static FakeResponse Json(string body) => new(200, body);
}
