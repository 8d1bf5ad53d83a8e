namespace Vigil.Cli.Evaluation;

/// <summary>Golden items joined with predictions by id.</summary>
/// <param name="Items">One item per golden item, in golden-set order.</param>
/// <param name="ExtraIds">Prediction ids that are not in the golden set, in file order (ignored for metrics, reported).</param>
internal sealed record JoinResult(IReadOnlyList<EvalItem> Items, IReadOnlyList<string> ExtraIds);
