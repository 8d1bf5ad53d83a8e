namespace Vigil.Cli.Evaluation;

/// <summary>A golden set read from a JSONL file.</summary>
/// <param name="Path">The file it was read from.</param>
/// <param name="Hash">
/// <c>sha256:</c> and the lowercase hex SHA-256 of the file's exact bytes (what <c>sha256sum FILE</c> prints):
/// any byte change, even whitespace or key order, makes a new version.
/// </param>
/// <param name="Items">The items in file order; ids are unique.</param>
internal sealed record GoldenSet(string Path, string Hash, IReadOnlyList<GoldenItem> Items);
