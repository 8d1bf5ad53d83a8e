namespace Vigil.Core.Events;

/// <summary>Why one row of a batch was rejected.</summary>
/// <param name="Index">The row's zero-based position in the batch.</param>
/// <param name="Field">The field at fault (a JSON path such as <c>features.income</c>), or empty for the row itself.</param>
/// <param name="Reason">What is wrong, in words.</param>
public sealed record RowError(int Index, string Field, string Reason);
