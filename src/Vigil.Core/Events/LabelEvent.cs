namespace Vigil.Core.Events;

/// <summary>A validated ground-truth label for a prediction event.</summary>
/// <param name="Id">The prediction's event id.</param>
/// <param name="Label">The true class (classification), or null.</param>
/// <param name="Value">The true number (regression), or NaN.</param>
/// <param name="Timestamp">When the label was observed.</param>
public sealed record LabelEvent(string Id, string? Label, double Value, DateTimeOffset Timestamp);
