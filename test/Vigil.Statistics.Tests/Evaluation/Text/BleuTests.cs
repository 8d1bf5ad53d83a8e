using Vigil.Statistics.Evaluation.Text;

namespace Vigil.Statistics.Tests.Evaluation.Text;

/// <summary>
/// Expected values are sacreBLEU's published test expectations: mjpost/sacrebleu test/test_bleu.py (EPSILON = 1e-8) and
/// test/test_sentence_bleu.py (EPSILON = 1e-3), sacreBLEU 2.x.
/// </summary>
public class BleuTests
{
    private const double Epsilon = 1e-8;

    // test_bleu.py: _refs (two reference streams) and _hyps, the README example.
    internal static readonly string[][] ReadmeReferences =
    [
        ["The dog bit the man.", "It was not unexpected.", "The man bit him first."],
        ["The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."],
    ];

    internal static readonly string[] ReadmeHypotheses = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."];

    // test_sentence_bleu.py: REF and SYS (sacreBLEU issue #98).
    private const string SentenceReference = "producţia de zahăr brut se exprimă în zahăr alb;";
    private const string SentenceSystem = "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;";

    [Theory]
    [InlineData(true, "Exponential", 48.530827)] // test_corpus_bleu: default settings, tokenize '13a'
    [InlineData(true, "None", 48.530827)]        // smooth_method 'none'
    [InlineData(false, "Exponential", 49.1919566)] // tokenize 'none'
    public void Score_ReadmeCorpus_MatchesTestBleu(bool tokenize13a, string smoothing, double expected)
    {
        var score = Corpus(ReadmeHypotheses, ReadmeReferences, tokenize13a, Bleu.DefaultMaxOrder, Enum.Parse<BleuSmoothing>(smoothing));

        Assert.InRange(Math.Abs(score - expected), 0, Epsilon);
    }

    [Fact]
    public void Score_EmptyHypotheses_IsZero()
    {
        // test_corpus_bleu: (('', '', ''), _refs, {}, 0.0).
        Assert.Equal(0.0, Corpus(["", "", ""], ReadmeReferences, tokenize13a: true, Bleu.DefaultMaxOrder, BleuSmoothing.Exponential));
    }

    [Theory]
    [InlineData(1, "77.65")]
    [InlineData(2, "60.50")]
    [InlineData(3, "53.93")]
    [InlineData(4, "48.53")]
    [InlineData(5, "46.14")]
    [InlineData(6, "43.28")]
    public void Score_MaxOrder_MatchesTestMaxNgramOrder(int order, string expected)
    {
        var score = Corpus(ReadmeHypotheses, ReadmeReferences, tokenize13a: true, order, BleuSmoothing.Exponential);

        Assert.Equal(expected, score.ToString("F2", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    // test_raw_bleu_cases and test_case_effective_order: raw_corpus_bleu = floor 0.01, tokenize 'none', effective order.
    [InlineData(new[] { "this is a test", "another test" }, new[] { "ref1", "ref2" }, 0.0)]
    [InlineData(new[] { "this is a test" }, new[] { "this is a test" }, 1.0)]
    [InlineData(new[] { "this is a fest" }, new[] { "this is a test" }, 0.223606797749979)]
    [InlineData(new[] { "test" }, new[] { "a test" }, 0.3678794411714425)]
    [InlineData(new[] { "a test" }, new[] { "a test" }, 1.0)]
    [InlineData(new[] { "a little test" }, new[] { "a test" }, 0.03218297948685433)]
    public void Score_RawCorpusBleu_MatchesTestBleu(string[] hypotheses, string[] references, double expected)
    {
        var score = Corpus(hypotheses, [references], tokenize13a: false, Bleu.DefaultMaxOrder, BleuSmoothing.Floor, 0.01, effectiveOrder: true) / 100;

        Assert.InRange(Math.Abs(score - expected), 0, Epsilon);
    }

    [Fact]
    public void SegmentStatistics_TestCaseStatistics_MatchesCountsAndTotals()
    {
        // test_case_statistics: common [4, 2, 1, 0], total [6, 5, 4, 3].
        var (_, _, matches, totals) = Bleu.SegmentStatistics(
            PythonText.SplitWhitespace("am I am a character sequence"),
            [PythonText.SplitWhitespace("I am a symbol string sequence a a")],
            Bleu.DefaultMaxOrder);

        Assert.Equal(new[] { 4, 2, 1, 0 }, matches);
        Assert.Equal(new[] { 6, 5, 4, 3 }, totals);
    }

    [Theory]
    // test_offset: floor with the default 0.1 (smooth_value None) and with 0.0.
    [InlineData(null, 0.1555722182)]
    [InlineData(0.0, 0.0)]
    public void Score_Offset_MatchesTestOffset(double? offset, double expected)
    {
        var score = Corpus(["am I am a character sequence"], [["I am a symbol string sequence a a"]],
            tokenize13a: false, Bleu.DefaultMaxOrder, BleuSmoothing.Floor, offset, effectiveOrder: true) / 100;

        Assert.InRange(Math.Abs(score - expected), 0, Epsilon);
    }

    [Fact]
    public void Score_Statistics_MatchesTestScoring()
    {
        // test_case_scoring: compute_bleu([9, 7, 5, 3], [10, 8, 6, 4], 11, 11) with its default smooth_method 'none'.
        var score = Bleu.Score([9, 7, 5, 3], [10, 8, 6, 4], 11, 11, BleuSmoothing.None) / 100;

        Assert.InRange(Math.Abs(score - 0.8375922397), 0, Epsilon);
    }

    [Theory]
    // test_case_degenerate_stats: floor smoothing, every expected score is exactly 0.
    [InlineData(new double[] { 0, 0, 0, 0 }, new double[] { 4, 4, 2, 1 }, 0, 1, 0.0)]
    [InlineData(new double[] { 0, 0, 0, 0 }, new double[] { 10, 11, 12, 0 }, 14, 10, 0.0)]
    [InlineData(new double[] { 0, 0, 0, 0 }, new double[] { 0, 0, 0, 0 }, 0, 0, 0.0)]
    [InlineData(new double[] { 6, 5, 4, 0 }, new double[] { 6, 5, 4, 3 }, 6, 6, 0.0)]
    [InlineData(new double[] { 0, 0, 0, 0 }, new double[] { 0, 0, 0, 0 }, 0, 0, 0.1)]
    [InlineData(new double[] { 0, 0, 0, 0 }, new double[] { 0, 0, 0, 0 }, 1, 5, 0.01)]
    public void Score_DegenerateStatistics_IsZero(double[] matches, double[] totals, double systemLength, double referenceLength, double offset)
    {
        Assert.Equal(0.0, Bleu.Score(matches, totals, systemLength, referenceLength, BleuSmoothing.Floor, offset));
    }

    [Theory]
    // test_sentence_bleu.py test_cases (effective_order=True), EPSILON = 1e-3.
    [InlineData("Exponential", null, true, 8.493)]
    [InlineData("None", null, true, 0.0)]
    [InlineData("Floor", null, true, 4.51688)]
    [InlineData("Floor", 0.1, true, 4.51688)]
    [InlineData("Floor", 0.5, true, 10.10)]
    [InlineData("AddK", null, true, 14.882)]
    [InlineData("AddK", 1.0, true, 14.882)]
    [InlineData("AddK", 2.0, true, 21.389)]
    [InlineData("Exponential", null, false, 7.347)]
    public void Score_SentenceBleu_MatchesTestSentenceBleu(string smoothing, double? value, bool tokenize13a, double expected)
    {
        var score = Corpus([SentenceSystem], [[SentenceReference]], tokenize13a, Bleu.DefaultMaxOrder, Enum.Parse<BleuSmoothing>(smoothing), value, effectiveOrder: true);

        Assert.InRange(Math.Abs(score - expected), 0, 1e-3);
    }

    [Theory]
    // test_cases_zero_bleu (sacreBLEU issue #141): no match at any order gives 0 whatever the smoothing.
    [InlineData("Exponential", null)]
    [InlineData("None", null)]
    [InlineData("Floor", null)]
    [InlineData("Floor", 0.1)]
    [InlineData("AddK", null)]
    [InlineData("AddK", 1.0)]
    public void Score_NoMatches_IsZero(string smoothing, double? value)
    {
        Assert.Equal(0.0, Corpus(["this is a cat"], [["okay thanks"]], tokenize13a: true, Bleu.DefaultMaxOrder, Enum.Parse<BleuSmoothing>(smoothing), value, effectiveOrder: true));
    }

    /// <summary>sacreBLEU's corpus_score: segment statistics summed, then compute_bleu.</summary>
    /// <param name="references">Reference streams: references[stream][segment].</param>
    internal static double Corpus(
        string[] hypotheses, string[][] references, bool tokenize13a, int maxOrder, BleuSmoothing smoothing,
        double? smoothValue = null, bool effectiveOrder = false)
    {
        var matches = new double[maxOrder];
        var totals = new double[maxOrder];
        double systemLength = 0, referenceLength = 0;
        for (var i = 0; i < hypotheses.Length; i++)
        {
            var referenceTokens = references.Select(stream => (IReadOnlyList<string>)Tokens(stream[i], tokenize13a)).ToList();
            var (hypothesisLength, closest, m, t) = Bleu.SegmentStatistics(Tokens(hypotheses[i], tokenize13a), referenceTokens, maxOrder);
            systemLength += hypothesisLength;
            referenceLength += closest;
            for (var n = 0; n < maxOrder; n++)
            {
                matches[n] += m[n];
                totals[n] += t[n];
            }
        }

        return Bleu.Score(matches, totals, systemLength, referenceLength, smoothing, smoothValue, effectiveOrder);
    }

    private static List<string> Tokens(string segment, bool tokenize13a) =>
        tokenize13a ? Tokenizer13a.Tokens(segment) : PythonText.SplitWhitespace(segment);
}
