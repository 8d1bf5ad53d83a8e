namespace Vigil.Statistics.Sketches;

/// <summary>
/// The higher-level half of DataSketches' KLL merge (after the other sketch's level 0 has been appended item by
/// item): levels 1 and up of both sketches are merged level by level into a work buffer, then the general
/// compress restores the capacities, possibly adding levels.
/// </summary>
internal static class KllMerge
{
    /// <summary>
    /// Merges levels 1 and up of the other sketch into this one's. Returns the new item buffer (a fresh array when
    /// the capacity changed) and level count; <paramref name="levels"/> receives the new boundaries.
    /// </summary>
    public static (double[] Items, int NumLevels) MergeHigherLevels(
        int k, double[] items, int[] levels, int numLevels, double[] otherItems, int[] otherLevels, int otherNumLevels, long finalN, ref ulong rngState)
    {
        var work = new double[(levels[numLevels] - levels[0]) + (otherLevels[otherNumLevels] - otherLevels[1])];
        var provisionalNumLevels = Math.Max(numLevels, otherNumLevels);
        var size = Math.Max(KllHelper.UpperBoundOnNumLevels(finalN), provisionalNumLevels) + 2;
        var workLevels = new int[size];
        var outLevels = new int[size];

        var levelZero = levels[1] - levels[0];
        Array.Copy(items, levels[0], work, 0, levelZero);
        workLevels[1] = levelZero;
        for (var lvl = 1; lvl < provisionalNumLevels; lvl++)
        {
            var mine = LevelSpan(items, levels, numLevels, lvl);
            var theirs = LevelSpan(otherItems, otherLevels, otherNumLevels, lvl);
            workLevels[lvl + 1] = workLevels[lvl] + mine.Length + theirs.Length;
            MergeSorted(mine, theirs, work.AsSpan(workLevels[lvl], mine.Length + theirs.Length));
        }

        var (finalNumLevels, capacity, numItems) = GeneralCompress(k, provisionalNumLevels, work, workLevels, outLevels, ref rngState);
        var result = capacity == items.Length ? items : new double[capacity];
        var freeSpaceAtBottom = capacity - numItems;
        Array.Copy(work, outLevels[0], result, freeSpaceAtBottom, numItems);
        var offset = freeSpaceAtBottom - outLevels[0];
        for (var lvl = 0; lvl <= finalNumLevels; lvl++)
        {
            levels[lvl] = outLevels[lvl] + offset;
        }

        return (result, finalNumLevels);
    }

    /// <summary>Merges two sorted spans into <paramref name="destination"/>.</summary>
    public static void MergeSorted(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination)
    {
        int a = 0, b = 0;
        for (var c = 0; c < destination.Length; c++)
        {
            destination[c] = a < x.Length && (b == y.Length || x[a] < y[b]) ? x[a++] : y[b++];
        }
    }

    /// <summary>
    /// DataSketches' general compress: walks the levels bottom-up and compacts every level that is at or
    /// over its capacity while the whole sketch is over its total capacity, adding levels as needed.
    /// Levels above zero must be sorted; level zero is sorted here before it is compacted. <c>inLevels</c>
    /// holds the input boundaries and needs room for two more entries than the result has levels;
    /// <c>outLevels</c> receives the compacted boundaries, packed from <c>outLevels[0] = 0</c>.
    /// </summary>
    public static (int NumLevels, int Capacity, int NumItems) GeneralCompress(
        int k, int numLevelsIn, double[] items, int[] inLevels, int[] outLevels, ref ulong rngState)
    {
        var currentNumLevels = numLevelsIn;
        var currentItemCount = inLevels[numLevelsIn] - inLevels[0];
        var targetItemCount = KllHelper.TotalCapacity(k, currentNumLevels);
        outLevels[0] = 0;
        double[] scratch = [];
        var level = 0;
        while (true)
        {
            if (level == currentNumLevels - 1)
            {
                inLevels[level + 2] = inLevels[level + 1]; // an empty level above the top, for convenience
            }

            var rawBeg = inLevels[level];
            var rawLim = inLevels[level + 1];
            var rawPop = rawLim - rawBeg;
            if (currentItemCount < targetItemCount || rawPop < KllHelper.LevelCapacity(k, currentNumLevels, level))
            {
                Array.Copy(items, rawBeg, items, outLevels[level], rawPop); // moves down or stays
                outLevels[level + 1] = outLevels[level] + rawPop;
            }
            else
            {
                var popAbove = inLevels[level + 2] - rawLim;
                var oddPop = (rawPop & 1) != 0;
                var adjBeg = oddPop ? rawBeg + 1 : rawBeg;
                var adjPop = oddPop ? rawPop - 1 : rawPop;
                var halfAdjPop = adjPop / 2;
                if (oddPop)
                {
                    items[outLevels[level]] = items[rawBeg];
                    outLevels[level + 1] = outLevels[level] + 1;
                }
                else
                {
                    outLevels[level + 1] = outLevels[level];
                }

                if (level == 0)
                {
                    KllRunSort.Sort(items, adjBeg, adjPop, ref scratch);
                }

                if (popAbove == 0)
                {
                    KllHelper.HalveUp(items, adjBeg, adjPop, KllHelper.NextBit(ref rngState));
                }
                else
                {
                    KllHelper.HalveDown(items, adjBeg, adjPop, KllHelper.NextBit(ref rngState));
                    KllHelper.MergeSortedInPlace(items, adjBeg, halfAdjPop, rawLim, popAbove);
                }

                currentItemCount -= halfAdjPop;
                inLevels[level + 1] -= halfAdjPop;
                if (level == currentNumLevels - 1)
                {
                    currentNumLevels++;
                    targetItemCount += KllHelper.LevelCapacity(k, currentNumLevels, 0);
                }
            }

            if (level == currentNumLevels - 1)
            {
                break;
            }

            level++;
        }

        return (currentNumLevels, targetItemCount, currentItemCount);
    }

    private static ReadOnlySpan<double> LevelSpan(double[] items, int[] levels, int numLevels, int level) =>
        level < numLevels ? items.AsSpan(levels[level], levels[level + 1] - levels[level]) : default;
}
