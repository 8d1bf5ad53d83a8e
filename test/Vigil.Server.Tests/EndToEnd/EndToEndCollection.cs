namespace Vigil.Server.Tests.EndToEnd;

/// <summary>
/// The end-to-end tests run real server processes and measure what survives a SIGKILL under load; they run one
/// at a time and beside no other test, so two cores are not shared with unrelated work while they do.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "vigil serve end-to-end";
}
