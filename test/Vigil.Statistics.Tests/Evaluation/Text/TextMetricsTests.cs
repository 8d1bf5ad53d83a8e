using Vigil.Statistics.Evaluation.Text;

namespace Vigil.Statistics.Tests.Evaluation.Text;

/// <summary>The public API on sacreBLEU's and rouge-score's published expectations (files cited per test).</summary>
public class TextMetricsTests
{
    [Fact]
    public void Aggregate_ReadmeCorpusWithTwoReferences_MatchesSacrebleuDefaultBleu()
    {
        // mjpost/sacrebleu test/test_bleu.py test_corpus_bleu: corpus_bleu(_hyps, _refs) = 48.530827 (EPSILON 1e-8).
        var items = new List<TextItemStatistics>();
        for (var i = 0; i < BleuTests.ReadmeHypotheses.Length; i++)
        {
            items.Add(TextMetrics.Item(BleuTests.ReadmeHypotheses[i], [BleuTests.ReadmeReferences[0][i], BleuTests.ReadmeReferences[1][i]]));
        }

        Assert.InRange(Math.Abs(TextMetrics.Aggregate(items)["bleu"] - 48.530827), 0, 1e-8);
    }

    [Fact]
    public void Aggregate_EmptyHypotheses_BleuIsZero()
    {
        // test_corpus_bleu: (('', '', ''), _refs, {}, 0.0), with the first reference stream only (still no match).
        var items = BleuTests.ReadmeReferences[0].Select(r => TextMetrics.Item("", r)).ToList();

        Assert.Equal(0.0, TextMetrics.Aggregate(items)["bleu"]);
    }

    [Theory]
    // mjpost/sacrebleu test/test_chrf.py test_cases_effective_order: values that do not depend on beta because P = R or
    // P = R = 1 at every effective order, so they hold for the default beta 2 used here (EPSILON 1e-4).
    [InlineData(new[] { "a" }, new[] { "a" }, 100.0)]
    [InlineData(new[] { "" }, new[] { "reference" }, 0.0)]
    [InlineData(new[] { "a b c" }, new[] { "a b c" }, 100.0)]
    [InlineData(new[] { "a b c" }, new[] { "abc" }, 100.0)]
    [InlineData(new[] { "a", "b" }, new[] { "a", "c" }, 50.0)]
    [InlineData(new[] { "aa" }, new[] { "ab" }, 25.0)]
    public void Aggregate_Chrf_MatchesTestChrfEffOrder(string[] hypotheses, string[] references, double expected)
    {
        var items = hypotheses.Select((h, i) => TextMetrics.Item(h, references[i])).ToList();

        Assert.InRange(Math.Abs(TextMetrics.Aggregate(items)["chrf"] - expected), 0, 1e-4);
    }

    [Fact]
    public void Aggregate_Rouge_IsMeanOfPublishedItemScores()
    {
        // google-research rouge/rouge_scorer_test.py: score("testing one two", "testing") has rouge1 F 1/2 (testRouge1);
        // score("testing one two", "testing one") has rouge1 F 4/5, rouge2 F 2/3, rougeL F 4/5 (testMultipleRougeTypes,
        // testRouge2); rouge2 of the first is 0 (one prediction token, no bigram) and rougeL F is 1/2 (LCS 1: P 1, R 1/3).
        // Means: rouge1 (1/2 + 4/5) / 2 = 0.65, rouge2 (0 + 2/3) / 2 = 1/3, rougeL (1/2 + 4/5) / 2 = 0.65.
        var metrics = TextMetrics.Aggregate([TextMetrics.Item("testing", "testing one two"), TextMetrics.Item("testing one", "testing one two")]);

        Assert.Equal(0.65, metrics["rouge1"], 12);
        Assert.Equal(1.0 / 3, metrics["rouge2"], 12);
        Assert.Equal(0.65, metrics["rougeL"], 12);
    }

    [Fact]
    public void Item_Rouge_HypothesisIsPredictionAndReferenceIsTarget()
    {
        // testRouge1: target "testing one two", prediction "testing": P 1, R 1/3.
        var item = TextMetrics.Item(hypothesis: "testing", reference: "testing one two");

        Assert.Equal(new RougeScore(1, 1.0 / 3, 0.5), item.Rouge1);
    }

    [Fact]
    public void Item_SeveralReferences_RougeTakesBestFMeasure()
    {
        // rouge-score score_multi: per variant the target with the largest F. Against "testing one two" rouge1 F is 1/2,
        // against "testing" it is 1 (P 1, R 1), so the second wins.
        var item = TextMetrics.Item("testing", ["testing one two", "testing"]);

        Assert.Equal(1.0, item.Rouge1.FMeasure);
    }

    [Fact]
    public void Aggregate_NoItems_IsEmpty()
    {
        Assert.Empty(TextMetrics.Aggregate([]));
    }

    [Fact]
    public void Aggregate_EveryItemTwice_SameMetrics()
    {
        // Corpus BLEU and chrF depend on ratios of summed counts and ROUGE on a mean: duplicating the corpus changes nothing.
        var items = BleuTests.ReadmeHypotheses.Select((h, i) => TextMetrics.Item(h, BleuTests.ReadmeReferences[1][i])).ToList();
        var once = TextMetrics.Aggregate(items);
        var twice = TextMetrics.Aggregate([.. items, .. items]);

        foreach (var (name, value) in once)
        {
            Assert.Equal(value, twice[name], 12);
        }
    }

    [Fact]
    public void Item_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => TextMetrics.Item(null!, "x"));
        Assert.Throws<ArgumentNullException>(() => TextMetrics.Item("x", (string)null!));
        Assert.Equal("references", Assert.Throws<ArgumentException>(() => TextMetrics.Item("x", Array.Empty<string>())).ParamName);
    }
}
