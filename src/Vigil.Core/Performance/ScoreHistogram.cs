namespace Vigil.Core.Performance;

/// <summary>
/// Counts of scores in [0, 1] over <see cref="Bins"/> equal bins, for ROC AUC from merged windows.
/// </summary>
/// <remarks>
/// AUC from two histograms counts pairs in the same bin as ties (half a concordant pair), so it differs from the
/// exact AUC by at most half the share of (positive, negative) pairs whose scores fall in one 1/4096-wide bin.
/// </remarks>
public sealed class ScoreHistogram
{
    /// <summary>Number of bins.</summary>
    public const int Bins = 4096;

    private readonly SortedDictionary<int, long> _counts = [];

    /// <summary>Scores counted.</summary>
    public long Count { get; private set; }

    /// <summary>Counts a score (clamped to [0, 1]).</summary>
    public void Add(double score, long count = 1)
    {
        var bin = (int)Math.Clamp(Math.Floor(score * Bins), 0, Bins - 1);
        _counts[bin] = _counts.GetValueOrDefault(bin) + count;
        Count += count;
    }

    /// <summary>Adds another histogram's counts.</summary>
    public void Merge(ScoreHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (bin, n) in other._counts)
        {
            _counts[bin] = _counts.GetValueOrDefault(bin) + n;
        }

        Count += other.Count;
    }

    /// <summary>P(score of positive &gt; score of negative) + P(tie)/2: the area under the ROC curve; NaN when a side is empty.</summary>
    public static double Auc(ScoreHistogram positives, ScoreHistogram negatives)
    {
        ArgumentNullException.ThrowIfNull(positives);
        ArgumentNullException.ThrowIfNull(negatives);
        if (positives.Count == 0 || negatives.Count == 0)
        {
            return double.NaN;
        }

        double concordant = 0;
        double negativesBelow = 0;
        using var neg = negatives._counts.GetEnumerator();
        var hasNeg = neg.MoveNext();
        foreach (var (bin, p) in positives._counts)
        {
            while (hasNeg && neg.Current.Key < bin)
            {
                negativesBelow += neg.Current.Value;
                hasNeg = neg.MoveNext();
            }

            var tied = hasNeg && neg.Current.Key == bin ? neg.Current.Value : 0;
            concordant += p * (negativesBelow + (0.5 * tied));
        }

        return concordant / ((double)positives.Count * negatives.Count);
    }

    /// <summary>Writes the non-empty bins.</summary>
    public void WriteTo(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_counts.Count);
        foreach (var (bin, n) in _counts)
        {
            writer.Write((short)bin);
            writer.Write(n);
        }
    }

    /// <summary>Reads what <see cref="WriteTo"/> wrote.</summary>
    public static ScoreHistogram ReadFrom(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var h = new ScoreHistogram();
        var count = reader.ReadInt32();
        if (count is < 0 or > Bins)
        {
            throw new InvalidDataException($"score histogram has {count} bins; at most {Bins}.");
        }

        for (var i = 0; i < count; i++)
        {
            var bin = reader.ReadInt16();
            var n = reader.ReadInt64();
            if (bin is < 0 or >= Bins || n < 0)
            {
                throw new InvalidDataException("score histogram bin out of range.");
            }

            h.Add((bin + 0.5) / Bins, n);
        }

        return h;
    }
}
