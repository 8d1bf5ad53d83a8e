namespace Vigil.Statistics.Evaluation.Text;

/// <summary>chrF as sacreBLEU 2.x computes it (<c>sacrebleu/metrics/chrf.py</c>, <c>helpers.py</c>).</summary>
/// <remarks>
/// Defaults are sacreBLEU's <c>CHRF()</c>: character order 6, word order 0, β = 2, whitespace removed, no epsilon
/// smoothing (orders without hypothesis or reference n-grams are left out of the averages).
/// </remarks>
internal static class Chrf
{
    /// <summary>sacreBLEU's <c>CHRF.CHAR_ORDER</c>.</summary>
    public const int DefaultCharOrder = 6;

    /// <summary>sacreBLEU's <c>CHRF.BETA</c>.</summary>
    public const double DefaultBeta = 2;

    private static readonly HashSet<char> Punctuation = [.. "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"];

    /// <summary>
    /// One segment's statistics, 3 per order (hypothesis n-grams, reference n-grams, matches): character orders first,
    /// then word orders. With several references, those of the reference with the best F-score (first on ties).
    /// </summary>
    public static int[] SegmentStatistics(
        string hypothesis, IReadOnlyList<string> references, int charOrder = DefaultCharOrder, int wordOrder = 0,
        bool includeWhitespace = false, double beta = DefaultBeta, bool epsSmoothing = false)
    {
        var hypothesisNgrams = AllNgrams(hypothesis, charOrder, wordOrder, includeWhitespace);
        int[] best = [];
        var bestScore = -1.0;
        foreach (var reference in references)
        {
            var referenceNgrams = AllNgrams(reference, charOrder, wordOrder, includeWhitespace);
            var statistics = new int[3 * (charOrder + wordOrder)];
            for (var i = 0; i < hypothesisNgrams.Count; i++)
            {
                var (hypothesisCount, referenceCount, matchCount) = MatchStatistics(hypothesisNgrams[i], referenceNgrams[i]);
                statistics[3 * i] = hypothesisCount;
                statistics[3 * i + 1] = referenceCount;
                statistics[3 * i + 2] = matchCount;
            }

            var score = Score(statistics, beta, epsSmoothing);
            if (score > bestScore)
            {
                bestScore = score;
                best = statistics;
            }
        }

        return best;
    }

    /// <summary>
    /// sacreBLEU's <c>CHRF._compute_f_score</c> on (summed) statistics, 0-100. Without epsilon smoothing:
    /// P and R are the means of m_n / h_n and m_n / r_n over the orders with h_n &gt; 0 and r_n &gt; 0, and
    /// chrF = 100 (1 + β²) P R / (β² P + R), 0 when P + R = 0. With epsilon smoothing (chrF++.py, NLTK): the mean over all
    /// orders of the per-order F_β, where a missing side's precision or recall is 1e-16.
    /// </summary>
    public static double Score(ReadOnlySpan<int> statistics, double beta = DefaultBeta, bool epsSmoothing = false)
    {
        const double eps = 1e-16;
        var orders = statistics.Length / 3;
        var factor = beta * beta;
        var score = 0.0;
        var effectiveOrder = 0;
        var averagePrecision = 0.0;
        var averageRecall = 0.0;
        for (var i = 0; i < orders; i++)
        {
            var hypothesisCount = statistics[3 * i];
            var referenceCount = statistics[3 * i + 1];
            var matchCount = statistics[3 * i + 2];
            var precision = hypothesisCount > 0 ? (double)matchCount / hypothesisCount : eps;
            var recall = referenceCount > 0 ? (double)matchCount / referenceCount : eps;
            var denominator = factor * precision + recall;
            score += denominator > 0 ? (1 + factor) * precision * recall / denominator : eps;
            if (hypothesisCount > 0 && referenceCount > 0)
            {
                averagePrecision += precision;
                averageRecall += recall;
                effectiveOrder++;
            }
        }

        if (epsSmoothing)
        {
            return 100 * score / orders;
        }

        if (effectiveOrder == 0)
        {
            averagePrecision = averageRecall = 0.0;
        }
        else
        {
            averagePrecision /= effectiveOrder;
            averageRecall /= effectiveOrder;
        }

        if (averagePrecision + averageRecall == 0)
        {
            return 0.0;
        }

        var f = (1 + factor) * averagePrecision * averageRecall;
        f /= (factor * averagePrecision) + averageRecall;
        return 100 * f;
    }

    // sacreBLEU's _get_match_statistics: hypothesis n-grams are not counted when the reference has none of that order.
    private static (int Hypothesis, int Reference, int Match) MatchStatistics(
        Dictionary<string, int> hypothesis, Dictionary<string, int> reference)
    {
        var matchCount = 0;
        var hypothesisCount = 0;
        foreach (var (ngram, count) in hypothesis)
        {
            hypothesisCount += count;
            if (reference.TryGetValue(ngram, out var referenceCount))
            {
                matchCount += Math.Min(count, referenceCount);
            }
        }

        var referenceTotal = 0;
        foreach (var count in reference.Values)
        {
            referenceTotal += count;
        }

        return (reference.Count > 0 ? hypothesisCount : 0, referenceTotal, matchCount);
    }

    private static List<Dictionary<string, int>> AllNgrams(string line, int charOrder, int wordOrder, bool includeWhitespace)
    {
        var text = includeWhitespace ? line : string.Concat(PythonText.SplitWhitespace(line));
        var boundaries = NGramCounter.CodePointBoundaries(text);
        var all = new List<Dictionary<string, int>>(charOrder + wordOrder);
        for (var n = 1; n <= charOrder; n++)
        {
            all.Add(NGramCounter.CharNgrams(text, boundaries, n));
        }

        if (wordOrder > 0)
        {
            var words = RemovePunctuation(line);
            for (var n = 1; n <= wordOrder; n++)
            {
                all.Add(ExactOrderWordNgrams(words, n));
            }
        }

        return all;
    }

    // sacreBLEU's CHRF._remove_punctuation: one leading or trailing ASCII punctuation mark split off each word.
    private static List<string> RemovePunctuation(string sentence)
    {
        var tokens = new List<string>();
        foreach (var word in PythonText.SplitWhitespace(sentence))
        {
            if (word.Length == 1)
            {
                tokens.Add(word);
            }
            else if (Punctuation.Contains(word[^1]))
            {
                tokens.Add(word[..^1]);
                tokens.Add(word[^1..]);
            }
            else if (Punctuation.Contains(word[0]))
            {
                tokens.Add(word[..1]);
                tokens.Add(word[1..]);
            }
            else
            {
                tokens.Add(word);
            }
        }

        return tokens;
    }

    private static Dictionary<string, int> ExactOrderWordNgrams(List<string> tokens, int n)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + n <= tokens.Count; i++)
        {
            var key = string.Join(' ', tokens.GetRange(i, n));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }
}
