using Vigil.Statistics.Evaluation.Text;

namespace Vigil.Statistics.Tests.Evaluation.Text;

/// <summary>Expected values are sacreBLEU 2.x's published expectations in mjpost/sacrebleu test/test_chrf.py (EPSILON = 1e-4).</summary>
public class ChrfTests
{
    private const double Epsilon = 1e-4;

    [Theory]
    // test_cases: corpus_chrf(char_order=6, word_order=0, beta=3, eps_smoothing=True).
    [InlineData(new[] { "abcdefg" }, new[] { "hijklmnop" }, 0.0)]
    [InlineData(new[] { "a" }, new[] { "b" }, 0.0)]
    [InlineData(new[] { "" }, new[] { "b" }, 0.0)]
    [InlineData(new[] { "" }, new[] { "ref" }, 0.0)]
    [InlineData(new[] { "" }, new[] { "reference" }, 0.0)]
    [InlineData(new[] { "aa" }, new[] { "ab" }, 8.3333)]
    [InlineData(new[] { "a", "b" }, new[] { "a", "c" }, 8.3333)]
    [InlineData(new[] { "a" }, new[] { "a" }, 16.6667)]
    [InlineData(new[] { "a b c" }, new[] { "a b c" }, 50.0)]
    [InlineData(new[] { "a b c" }, new[] { "abc" }, 50.0)]
    [InlineData(new[] { " risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists ." },
        new[] { "risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists ." }, 63.361730)]
    [InlineData(new[] { " Die    Beziehung zwischen  Obama und Netanjahu ist nicht gerade  freundlich. " },
        new[] { "Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich." }, 64.1302698)]
    [InlineData(new[] { "Niemand hat die Absicht, eine Mauer zu errichten" }, new[] { "Niemand hat die Absicht, eine Mauer zu errichten" }, 100.0)]
    public void Score_EpsilonSmoothing_MatchesTestChrf(string[] hypotheses, string[] references, double expected)
    {
        Assert.InRange(Math.Abs(Corpus(hypotheses, references, beta: 3, epsSmoothing: true) - expected), 0, Epsilon);
    }

    [Theory]
    // test_cases_effective_order: beta=3, eps_smoothing=False (sacreBLEU's default smoothing).
    [InlineData(new[] { "a" }, new[] { "a" }, 100.0)]
    [InlineData(new[] { "" }, new[] { "reference" }, 0.0)]
    [InlineData(new[] { "a b c" }, new[] { "a b c" }, 100.0)]
    [InlineData(new[] { "a b c" }, new[] { "abc" }, 100.0)]
    [InlineData(new[] { "" }, new[] { "c" }, 0.0)]
    [InlineData(new[] { "a", "b" }, new[] { "a", "c" }, 50.0)]
    [InlineData(new[] { "aa" }, new[] { "ab" }, 25.0)]
    public void Score_EffectiveOrder_MatchesTestChrfEffOrder(string[] hypotheses, string[] references, double expected)
    {
        Assert.InRange(Math.Abs(Corpus(hypotheses, references, beta: 3, epsSmoothing: false) - expected), 0, Epsilon);
    }

    [Theory]
    // test_cases_keep_whitespace: beta=3, remove_whitespace=False.
    [InlineData("Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich.",
        "Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.", 67.3481606)]
    [InlineData("risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists .",
        "risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists .", 65.2414427)]
    public void Score_KeepWhitespace_MatchesTestChrfKeepWhitespace(string hypothesis, string reference, double expected)
    {
        Assert.InRange(Math.Abs(Corpus([hypothesis], [reference], beta: 3, epsSmoothing: false, includeWhitespace: true) - expected), 0, Epsilon);
    }

    [Theory]
    // test_sentence_level_chrf: sentence_chrf(hyp, refs, eps_smoothing=True) with the default beta 2.
    [InlineData("Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře.",
        "Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře.", 39.14078509)]
    [InlineData("Nebo prostě nemají vybavení, které by jim pomohlo, uvedli lékaři.",
        "A někdy nemáme ani potřebný materiál, abychom jim pomohli, popsali lékaři.", 31.22557079)]
    [InlineData("Lapali po dechu, jejich životy skončily dřív, než skutečně začaly.",
        "Lapali po dechu a pak jejich život skončil - dřív, než skutečně mohl začít, připomněli.", 57.15704367)]
    public void Score_SentenceLevel_MatchesTestChrfSentenceLevel(string hypothesis, string reference, double expected)
    {
        Assert.InRange(Math.Abs(Corpus([hypothesis], [reference], beta: 2, epsSmoothing: true) - expected), 0, Epsilon);
    }

    [Fact]
    public void SegmentStatistics_ReferenceWithoutNgramsOfAnOrder_DoesNotCountHypothesisNgrams()
    {
        // Hand count: hypothesis "abc" has 3, 2, 1 n-grams of orders 1..3; the reference "ab" has 2 and 1 of orders 1..2
        // and none of order 3, so sacreBLEU's _get_match_statistics reports 0 hypothesis 3-grams there.
        var statistics = Chrf.SegmentStatistics("abc", ["ab"]);

        Assert.Equal(new[] { 3, 2, 2, 2, 1, 1, 0, 0, 0 }, statistics[..9]);
    }

    private static double Corpus(string[] hypotheses, string[] references, double beta, bool epsSmoothing, bool includeWhitespace = false)
    {
        var sum = new int[3 * Chrf.DefaultCharOrder];
        for (var i = 0; i < hypotheses.Length; i++)
        {
            var statistics = Chrf.SegmentStatistics(hypotheses[i], [references[i]], Chrf.DefaultCharOrder, 0, includeWhitespace, beta, epsSmoothing);
            for (var k = 0; k < sum.Length; k++)
            {
                sum[k] += statistics[k];
            }
        }

        return Chrf.Score(sum, beta, epsSmoothing);
    }
}
