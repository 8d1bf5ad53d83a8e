namespace Vigil.Cli.Evaluation;

/// <summary>What happened to a golden item before scoring.</summary>
internal enum ItemStatus
{
    /// <summary>A prediction was found (file) or received (endpoint).</summary>
    Ok,

    /// <summary>The predictions file has no row with the item's id.</summary>
    Missing,

    /// <summary>The endpoint failed for the item after every retry (error, timeout or a response without a prediction).</summary>
    Failed,
}
