namespace Vigil.Statistics.Sketches;

/// <summary>A label kept by a <see cref="FrequentItemsSketch"/>, with its estimated count and the bounds on its true count.</summary>
/// <param name="Item">The label.</param>
/// <param name="Estimate">The Misra-Gries counter: never above the true count, at most <see cref="FrequentItemsSketch.MaximumError"/> below it.</param>
/// <param name="LowerBound">A lower bound on the true count (equal to <paramref name="Estimate"/>).</param>
/// <param name="UpperBound">An upper bound on the true count: <paramref name="Estimate"/> + <see cref="FrequentItemsSketch.MaximumError"/>.</param>
public readonly record struct FrequentItem(string Item, long Estimate, long LowerBound, long UpperBound);
