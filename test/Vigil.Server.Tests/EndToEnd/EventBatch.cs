namespace Vigil.Server.Tests.EndToEnd;

/// <summary>One request body of the end-to-end dataset: predictions or labels of one block of event ids.</summary>
/// <param name="Index">The block: predictions and labels of block i carry the ids of events [i·size, (i+1)·size).</param>
/// <param name="IsLabels">Labels (POST .../labels) rather than predictions (POST .../predictions).</param>
/// <param name="Ids">The event ids in the body.</param>
/// <param name="Body">The JSON array, UTF-8.</param>
internal sealed record EventBatch(int Index, bool IsLabels, IReadOnlyList<string> Ids, byte[] Body)
{
    /// <summary>The route under /api/v1/models/{model}/.</summary>
    public string Route => IsLabels ? "labels" : "predictions";

    /// <summary>For messages: P12 or L12.</summary>
    public override string ToString() => $"{(IsLabels ? 'L' : 'P')}{Index} ({Ids.Count} rows)";
}
