using System.CommandLine;

namespace Vigil.Cli.Registry;

/// <summary>What a registry command's action works with: the parse, the client, the output format and writers.</summary>
internal sealed record RegistryContext(ParseResult Parse, RegistryHttp Http, bool Json)
{
    public TextWriter Out => RegistryConsole.Out;

    public TextWriter Error => RegistryConsole.Error;

    /// <summary>Prints the server's JSON answer as it came (for --format json).</summary>
    public void WriteJson(RegistryResponse response) => Out.WriteLine(response.Body);
}
