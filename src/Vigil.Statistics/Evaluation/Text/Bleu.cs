namespace Vigil.Statistics.Evaluation.Text;

/// <summary>BLEU's sufficient statistics and score, as sacreBLEU 2.x computes them (<c>sacrebleu/metrics/bleu.py</c>).</summary>
internal static class Bleu
{
    /// <summary>sacreBLEU's default maximum n-gram order.</summary>
    public const int DefaultMaxOrder = 4;

    /// <summary>
    /// One segment's statistics: hypothesis length, closest reference length (ties to the shorter), and per order n the
    /// clipped matches Σ min(count_hyp, max over references of count_ref) and the hypothesis n-gram count.
    /// </summary>
    /// <param name="hypothesisTokens">Tokenized hypothesis.</param>
    /// <param name="referenceTokens">Tokenized references (at least one; an empty one counts as zero tokens).</param>
    /// <param name="maxOrder">Maximum n-gram order.</param>
    public static (int HypothesisLength, int ReferenceLength, int[] Matches, int[] Totals) SegmentStatistics(
        IReadOnlyList<string> hypothesisTokens, IReadOnlyList<IReadOnlyList<string>> referenceTokens, int maxOrder)
    {
        Dictionary<string, int>? referenceNgrams = null;
        var closestDiff = -1;
        var closestLength = -1;
        var hypothesisLength = hypothesisTokens.Count;
        foreach (var tokens in referenceTokens)
        {
            var counts = NGramCounter.WordNgrams(tokens, maxOrder);
            if (referenceNgrams is null)
            {
                referenceNgrams = counts;
            }
            else
            {
                foreach (var (ngram, count) in counts)
                {
                    if (!referenceNgrams.TryGetValue(ngram, out var existing) || count > existing)
                    {
                        referenceNgrams[ngram] = count;
                    }
                }
            }

            var diff = Math.Abs(hypothesisLength - tokens.Count);
            if (closestDiff == -1 || diff < closestDiff)
            {
                closestDiff = diff;
                closestLength = tokens.Count;
            }
            else if (diff == closestDiff && tokens.Count < closestLength)
            {
                closestLength = tokens.Count;
            }
        }

        var matches = new int[maxOrder];
        var totals = new int[maxOrder];
        foreach (var (ngram, count) in NGramCounter.WordNgrams(hypothesisTokens, maxOrder))
        {
            var n = NGramCounter.Order(ngram) - 1;
            totals[n] += count;
            if (referenceNgrams!.TryGetValue(ngram, out var referenceCount))
            {
                matches[n] += Math.Min(count, referenceCount);
            }
        }

        return (hypothesisLength, closestLength, matches, totals);
    }

    /// <summary>
    /// sacreBLEU's <c>BLEU.compute_bleu</c>: BP · exp(Σ_{n ≤ N} log p_n / N) on the 0-100 scale, with
    /// BP = exp(1 − r / c) when c &lt; r (0 when c = 0), p_n = 100 · m_n / t_n smoothed as <paramref name="smoothing"/>
    /// says, log 0 taken as −9999999999 (<c>my_log</c>), and N the last order with t_n &gt; 0 when
    /// <paramref name="effectiveOrder"/>. Zero matches at every order give 0.
    /// </summary>
    public static double Score(
        ReadOnlySpan<double> matches, ReadOnlySpan<double> totals, double systemLength, double referenceLength,
        BleuSmoothing smoothing = BleuSmoothing.Exponential, double? smoothValue = null, bool effectiveOrder = false)
    {
        var maxOrder = matches.Length;
        var value = smoothValue ?? smoothing switch
        {
            BleuSmoothing.Floor => 0.1,
            BleuSmoothing.AddK => 1.0,
            _ => 0.0,
        };

        var brevityPenalty = systemLength < referenceLength
            ? (systemLength > 0 ? Math.Exp(1 - referenceLength / systemLength) : 0.0)
            : 1.0;

        var anyMatch = false;
        foreach (var m in matches)
        {
            anyMatch |= m != 0;
        }

        if (!anyMatch)
        {
            return 0.0;
        }

        Span<double> precisions = stackalloc double[maxOrder];
        precisions.Clear();
        var smoothMteval = 1.0;
        var order = maxOrder;
        for (var n = 1; n <= maxOrder; n++)
        {
            var correct = matches[n - 1];
            var total = totals[n - 1];
            if (smoothing == BleuSmoothing.AddK && n > 1)
            {
                correct += value;
                total += value;
            }

            if (total == 0)
            {
                break;
            }

            if (effectiveOrder)
            {
                order = n;
            }

            if (correct == 0)
            {
                if (smoothing == BleuSmoothing.Exponential)
                {
                    smoothMteval *= 2;
                    precisions[n - 1] = 100.0 / (smoothMteval * total);
                }
                else if (smoothing == BleuSmoothing.Floor)
                {
                    precisions[n - 1] = 100.0 * value / total;
                }
            }
            else
            {
                precisions[n - 1] = 100.0 * correct / total;
            }
        }

        var sum = 0.0;
        for (var n = 0; n < order; n++)
        {
            sum += precisions[n] == 0.0 ? -9999999999.0 : Math.Log(precisions[n]);
        }

        return brevityPenalty * Math.Exp(sum / order);
    }
}
