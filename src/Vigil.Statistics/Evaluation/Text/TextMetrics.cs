namespace Vigil.Statistics.Evaluation.Text;

/// <summary>Text-generation metrics: BLEU and chrF as sacreBLEU 2.x, ROUGE-1/2/L as google-research's rouge-score.</summary>
/// <remarks>
/// <para>
/// <b>bleu</b> (0-100): sacreBLEU's <c>corpus_bleu</c> with its defaults: 13a tokenization, case-sensitive, n-grams up to 4,
/// exponential smoothing (<c>smooth_method='exp'</c>), no effective order. Over the summed statistics,
/// BLEU = BP · exp(¼ Σ_n log p_n) with p_n = 100 · m_n / t_n, BP = exp(1 − r / c) when c &lt; r (0 when c = 0), else 1;
/// the k-th order with m_n = 0 gets p_n = 100 / (2^k t_n); an order with t_n = 0 stops the loop and leaves p_n = 0
/// (so BLEU = 0); no match at any order gives 0.
/// </para>
/// <para>
/// <b>chrf</b> (0-100): sacreBLEU's <c>corpus_chrf</c> with its defaults (<c>CHRF()</c>): character n-grams of order 1..6
/// over code points after removing all whitespace, word order 0, β = 2, statistics summed over items, then
/// P and R averaged over the orders where both sides have n-grams and chrF = 100 (1 + β²) P R / (β² P + R).
/// </para>
/// <para>
/// <b>rouge1, rouge2, rougeL</b> (0-1): rouge-score's <c>RougeScorer(['rouge1','rouge2','rougeL'], use_stemmer=False)</c>
/// F-measure per item, averaged over items (the "mid" of its <c>BootstrapAggregator</c> is this mean up to resampling noise).
/// Tokens: lowercase, non-[a-z0-9] runs to spaces. ROUGE-N: clipped n-gram overlap over max(count, 1);
/// ROUGE-L: longest common subsequence over the token counts (0 when either side is empty).
/// </para>
/// <para>
/// Differences from the peers: sacreBLEU refuses an empty reference; here it is a reference of zero tokens. With several
/// references, BLEU clips by the maximum reference count and takes the closest reference length (sacreBLEU), chrF keeps the
/// statistics of the reference with the best sentence chrF (sacreBLEU), ROUGE takes per variant the reference with the
/// best F-measure (rouge-score's <c>score_multi</c>).
/// </para>
/// <para>
/// References: K. Papineni et al., "BLEU" (ACL 2002); M. Post, "A Call for Clarity in Reporting BLEU Scores" (WMT 2018);
/// M. Popović, "chrF" (WMT 2015); C.-Y. Lin, "ROUGE" (2004).
/// </para>
/// </remarks>
public static class TextMetrics
{
    /// <summary>One pair's sufficient statistics.</summary>
    /// <param name="hypothesis">The system output.</param>
    /// <param name="reference">The expected text.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static TextItemStatistics Item(string hypothesis, string reference)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        ArgumentNullException.ThrowIfNull(reference);
        return Item(hypothesis, [reference]);
    }

    /// <summary>One hypothesis against several references (see the remarks of <see cref="TextMetrics"/>).</summary>
    /// <param name="hypothesis">The system output.</param>
    /// <param name="references">One or more expected texts.</param>
    /// <exception cref="ArgumentNullException">An argument or a reference is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="references"/> is empty.</exception>
    public static TextItemStatistics Item(string hypothesis, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        ArgumentNullException.ThrowIfNull(references);
        if (references.Count == 0)
        {
            throw new ArgumentException("At least one reference is required.", nameof(references));
        }

        var referenceTokens = new List<IReadOnlyList<string>>(references.Count);
        foreach (var reference in references)
        {
            ArgumentNullException.ThrowIfNull(reference, nameof(references));
            referenceTokens.Add(Tokenizer13a.Tokens(reference));
        }

        var (hypothesisLength, referenceLength, matches, totals) =
            Bleu.SegmentStatistics(Tokenizer13a.Tokens(hypothesis), referenceTokens, Bleu.DefaultMaxOrder);
        var chrf = Chrf.SegmentStatistics(hypothesis, references);

        var prediction = Rouge.Tokenize(hypothesis);
        RougeScore rouge1 = default, rouge2 = default, rougeL = default;
        for (var r = 0; r < references.Count; r++)
        {
            var target = Rouge.Tokenize(references[r]);
            rouge1 = Best(rouge1, Rouge.NGram(target, prediction, 1), r);
            rouge2 = Best(rouge2, Rouge.NGram(target, prediction, 2), r);
            rougeL = Best(rougeL, Rouge.Lcs(target, prediction), r);
        }

        return new TextItemStatistics
        {
            HypothesisLength = hypothesisLength,
            ReferenceLength = referenceLength,
            BleuMatches = matches,
            BleuTotals = totals,
            ChrfStatistics = chrf,
            Rouge1 = rouge1,
            Rouge2 = rouge2,
            RougeL = rougeL,
        };
    }

    /// <summary>
    /// Corpus metrics over the items: <c>bleu</c> and <c>chrf</c> (0-100, from the summed statistics) and
    /// <c>rouge1</c>, <c>rouge2</c>, <c>rougeL</c> (0-1, mean F-measure). No items: an empty dictionary.
    /// </summary>
    /// <param name="items">Statistics made by <see cref="Item(string, string)"/>.</param>
    /// <exception cref="ArgumentException">An item's statistics do not have the expected lengths.</exception>
    public static IReadOnlyDictionary<string, double> Aggregate(IReadOnlyList<TextItemStatistics> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (items.Count == 0)
        {
            return metrics;
        }

        Span<double> matches = stackalloc double[Bleu.DefaultMaxOrder];
        Span<double> totals = stackalloc double[Bleu.DefaultMaxOrder];
        matches.Clear();
        totals.Clear();
        var chrf = new int[3 * Chrf.DefaultCharOrder];
        double hypothesisLength = 0, referenceLength = 0, rouge1 = 0, rouge2 = 0, rougeL = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            ArgumentNullException.ThrowIfNull(item, nameof(items));
            if (item.BleuMatches.Count != Bleu.DefaultMaxOrder || item.BleuTotals.Count != Bleu.DefaultMaxOrder
                || item.ChrfStatistics.Count != chrf.Length)
            {
                throw new ArgumentException(
                    $"Item {i}: expected {Bleu.DefaultMaxOrder} BLEU matches and totals and {chrf.Length} chrF statistics.",
                    nameof(items));
            }

            hypothesisLength += item.HypothesisLength;
            referenceLength += item.ReferenceLength;
            for (var n = 0; n < Bleu.DefaultMaxOrder; n++)
            {
                matches[n] += item.BleuMatches[n];
                totals[n] += item.BleuTotals[n];
            }

            for (var k = 0; k < chrf.Length; k++)
            {
                chrf[k] += item.ChrfStatistics[k];
            }

            rouge1 += item.Rouge1.FMeasure;
            rouge2 += item.Rouge2.FMeasure;
            rougeL += item.RougeL.FMeasure;
        }

        metrics["bleu"] = Bleu.Score(matches, totals, hypothesisLength, referenceLength);
        metrics["chrf"] = Chrf.Score(chrf);
        metrics["rouge1"] = rouge1 / items.Count;
        metrics["rouge2"] = rouge2 / items.Count;
        metrics["rougeL"] = rougeL / items.Count;
        return metrics;
    }

    // numpy argmax over F-measures: the first reference with the largest F wins.
    private static RougeScore Best(RougeScore current, RougeScore candidate, int index) =>
        index == 0 || candidate.FMeasure > current.FMeasure ? candidate : current;
}
