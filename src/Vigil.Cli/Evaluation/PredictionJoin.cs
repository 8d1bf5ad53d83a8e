namespace Vigil.Cli.Evaluation;

/// <summary>Joins a golden set with predictions by id.</summary>
internal static class PredictionJoin
{
    /// <summary>
    /// Each golden item with its prediction, or <see cref="ItemStatus.Missing"/>; with a second predictions file
    /// (pairwise judge) an item is missing unless both files have it.
    /// </summary>
    public static JoinResult Join(GoldenSet golden, PredictionFile predictions, PredictionFile? predictionsB = null)
    {
        var items = new List<EvalItem>(golden.Items.Count);
        foreach (var g in golden.Items)
        {
            predictions.ById.TryGetValue(g.Id, out var a);
            EvalPrediction? b = null;
            predictionsB?.ById.TryGetValue(g.Id, out b);
            var found = a is not null && (predictionsB is null || b is not null);
            items.Add(new EvalItem(g, found ? a : null, found ? ItemStatus.Ok : ItemStatus.Missing) { PredictionB = found ? b : null });
        }

        var known = golden.Items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var extra = predictions.Ids.Where(id => !known.Contains(id)).ToList();
        if (predictionsB is not null)
        {
            var seen = extra.ToHashSet(StringComparer.Ordinal);
            extra.AddRange(predictionsB.Ids.Where(id => !known.Contains(id) && seen.Add(id)));
        }

        return new JoinResult(items, extra);
    }

    /// <summary>Adds the second model's predictions to items predicted by an endpoint; an item without one becomes missing.</summary>
    public static IReadOnlyList<EvalItem> AttachB(IReadOnlyList<EvalItem> items, PredictionFile predictionsB) => items
        .Select(i => predictionsB.ById.TryGetValue(i.Golden.Id, out var b)
            ? i with { PredictionB = b }
            : i.Status == ItemStatus.Ok ? i with { Prediction = null, Status = ItemStatus.Missing } : i)
        .ToList();
}
