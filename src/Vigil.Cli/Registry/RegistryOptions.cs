using System.CommandLine;

namespace Vigil.Cli.Registry;

/// <summary>The options every <c>vigil registry</c> command takes: <c>--server</c>, <c>--api-key</c>, <c>--format</c>.</summary>
internal sealed class RegistryOptions
{
    /// <summary>The server used when neither --server nor VIGIL_URL is given.</summary>
    public const string DefaultServer = "http://127.0.0.1:5080";

    public RegistryOptions()
    {
        Format.AcceptOnlyFromAmong("table", "json");
    }

    // No default value factories: help would print them, and the key must never be printed.
    public Option<string?> Server { get; } = new("--server") { Description = $"The Vigil server's URL (default $VIGIL_URL, else {DefaultServer}).", Recursive = true };

    public Option<string?> ApiKey { get; } = new("--api-key") { Description = "API key (default $VIGIL_API_KEY; never printed).", Recursive = true };

    public Option<string> Format { get; } = new("--format") { Description = "Output: table or json (the server's JSON).", DefaultValueFactory = _ => "table", Recursive = true };

    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(ApiKey);
        command.Options.Add(Format);
    }

    public bool Json(ParseResult parse) => parse.GetValue(Format) == "json";

    /// <summary>The client for the server the options and environment name.</summary>
    public RegistryHttp Connect(ParseResult parse)
    {
        var text = parse.GetValue(Server) ?? Environment.GetEnvironmentVariable("VIGIL_URL") ?? DefaultServer;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--server '{text}': not an absolute http:// or https:// URL.");
        }

        if (!uri.AbsolutePath.EndsWith('/'))
        {
            uri = new Uri(uri.GetLeftPart(UriPartial.Path) + "/");
        }

        var key = parse.GetValue(ApiKey) ?? Environment.GetEnvironmentVariable("VIGIL_API_KEY");
        return new RegistryHttp(uri, key, TimeSpan.FromMinutes(10));
    }
}
