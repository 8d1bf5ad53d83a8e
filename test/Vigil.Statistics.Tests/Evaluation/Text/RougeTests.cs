using Vigil.Statistics.Evaluation.Text;

namespace Vigil.Statistics.Tests.Evaluation.Text;

/// <summary>
/// Expected values are rouge-score's published expectations: google-research/google-research rouge/rouge_scorer_test.py
/// (assertAlmostEqual: 7 places, or 5 places against ROUGE-1.5.5), and Python's run of rouge/tokenize.py for the tokenizer.
/// </summary>
public class RougeTests
{
    private const double Places7 = 5e-8;
    private const double Places5 = 5e-6;

    // rouge/testdata/target.txt and prediction.txt, lines 0 and 1 (random strings; readlines keeps the newline).
    private static readonly string[] Targets =
    [
        "ZfbCUIUuePaiLVUlCaUXxkpu XPeWing tUHfPMuZ',-Xd Y BrUgVJing M-HV.-DgdDaY.rFDJCRing Ht-LM EKBDXkME,yz'RBr q'wtion wIojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxer tKM L\n",
        "KsJdPByEtAor fE-Qg Dpdbring cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMtion psing sbKao Q m qiing LMmer HqqLFXe,XPY,J XsurkMer ,ed nB'wH'bWVHjWFEing tQ.saefZwJtKrTlixYpMMsJing UCAPwNHeYVjDing c T BUySKtion gMPfJpwGw p'NvxAoping eu pBwMBKV'I DNxqelhu,PHPxDEq,mtion SN\n",
    ];

    private static readonly string[] Predictions =
    [
        "rFDJCRtion Ht-LM EKtDXkME,yz'RBr q'wer wrojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxi\n",
        "n cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMer pstion sbKao Q m qier LMmed HqqLFXe,XPY,J XsurkMeo ,ed nB'wH'bWVHjWFEer tQ.saefZwJtKrTlixYpMMNJtion UCAPwNHeYVjD\n",
    ];

    public static TheoryData<int> TokenizerIndices() => Tokenizer13aTests.Indices();

    [Theory]
    [MemberData(nameof(TokenizerIndices))]
    public void Tokenize_ReferenceInput_MatchesRougeScoreTokenizeRunByPython(int index)
    {
        var c = Tokenizer13aTests.Cases[index];

        Assert.Equal(c.Rouge, Rouge.Tokenize(c.Input));
    }

    [Fact]
    public void Rouge1_TestRouge1()
    {
        // testRouge1: score("testing one two", "testing") → P 1, R 1/3, F 1/2.
        AssertScore(1, 1.0 / 3, 1.0 / 2, Rouge.NGram(Tok("testing one two"), Tok("testing"), 1), Places7);
    }

    [Fact]
    public void Rouge2_TestRouge2()
    {
        // testRouge2: score("testing one two", "testing one") → P 1, R 1/2, F 2/3.
        AssertScore(1, 1.0 / 2, 2.0 / 3, Rouge.NGram(Tok("testing one two"), Tok("testing one"), 2), Places7);
    }

    [Theory]
    // testRougeLConsecutive and testRougeLNonConsecutive: P 1, R 2/3, F 4/5.
    [InlineData("testing one")]
    [InlineData("testing two")]
    public void RougeL_TestRougeL(string prediction)
    {
        AssertScore(1, 2.0 / 3, 4.0 / 5, Rouge.Lcs(Tok("testing one two"), Tok(prediction)), Places7);
    }

    [Fact]
    public void Scores_EmptyPrediction_AreZero()
    {
        // testRougeEmpty: score("testing one two", "") is all zeros for rouge1, rouge2, rougeL.
        AssertScore(0, 0, 0, Rouge.NGram(Tok("testing one two"), Tok(""), 1), 0);
        AssertScore(0, 0, 0, Rouge.NGram(Tok("testing one two"), Tok(""), 2), 0);
        AssertScore(0, 0, 0, Rouge.Lcs(Tok("testing one two"), Tok("")), 0);
    }

    [Theory]
    // testRouge1AgainstRouge155, testRouge2AgainstRouge155, testRougeLAgainstRouge155 (no stemming), 5 places.
    [InlineData(0, "rouge1", 0.68750, 0.40741, 0.51163)]
    [InlineData(1, "rouge1", 0.65385, 0.40476, 0.50000)]
    [InlineData(0, "rouge2", 0.53333, 0.30769, 0.39024)]
    [InlineData(1, "rouge2", 0.48000, 0.29268, 0.36364)]
    [InlineData(0, "rougeL", 0.68750, 0.40741, 0.51163)]
    [InlineData(1, "rougeL", 0.65385, 0.40476, 0.50000)]
    public void Scores_AgainstRouge155_MatchRougeScorerTest(int line, string type, double precision, double recall, double f)
    {
        var target = Tok(Targets[line]);
        var prediction = Tok(Predictions[line]);
        var score = type switch
        {
            "rouge1" => Rouge.NGram(target, prediction, 1),
            "rouge2" => Rouge.NGram(target, prediction, 2),
            _ => Rouge.Lcs(target, prediction),
        };

        AssertScore(precision, recall, f, score, Places5);
    }

    [Fact]
    public void LcsLength_TestLcsTable()
    {
        // testLcsTable: ref [1, 2, 3, 4, 5] with [2, 5, 3, 4] → 3; with [8, 9] → 0.
        string[] reference = ["1", "2", "3", "4", "5"];

        Assert.Equal(3, Rouge.LcsLength(reference, ["2", "5", "3", "4"]));
        Assert.Equal(0, Rouge.LcsLength(reference, ["8", "9"]));
    }

    private static List<string> Tok(string text) => Rouge.Tokenize(text);

    private static void AssertScore(double precision, double recall, double f, RougeScore actual, double tolerance)
    {
        Assert.InRange(Math.Abs(actual.Precision - precision), 0, tolerance);
        Assert.InRange(Math.Abs(actual.Recall - recall), 0, tolerance);
        Assert.InRange(Math.Abs(actual.FMeasure - f), 0, tolerance);
    }
}
