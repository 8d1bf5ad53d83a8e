using System.Text.Json;

namespace Vigil.Cli.Evaluation;

/// <summary>
/// One golden-set line: <c>{"id", "input", "expected", "tags"}</c>, plus an optional <c>human_label</c>
/// (a human's verdict, compared with the LLM judge by Cohen's kappa).
/// </summary>
/// <param name="Id">The item's id (a JSON string, or an integer kept as its text).</param>
/// <param name="Input">What the model is given; posted as is to <c>--endpoint</c>.</param>
/// <param name="Expected">The expected output; <see langword="null"/> when the line has no <c>expected</c> (allowed for the judge only).</param>
/// <param name="Tags">Tags for per-tag metrics (document type, difficulty, <c>previously_failed</c>), in file order without duplicates.</param>
/// <param name="Line">The 1-based line of the file the item came from.</param>
internal sealed record GoldenItem(string Id, JsonElement Input, JsonElement? Expected, IReadOnlyList<string> Tags, int Line)
{
    /// <summary>The human's label for this item (judge agreement), as text; null when not given.</summary>
    public string? HumanLabel { get; init; }
}
