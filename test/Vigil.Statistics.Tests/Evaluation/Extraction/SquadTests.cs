using Vigil.Statistics.Evaluation.Extraction;

namespace Vigil.Statistics.Tests.Evaluation.Extraction;

/// <summary>Reference values: TestData/squad_reference.json, written by scripts/squad_reference.py (official SQuAD v1.1 functions).</summary>
public class SquadTests
{
    internal sealed record PairCase(string Prediction, string Truth, string NormalizedPrediction, string NormalizedTruth, bool ExactMatch, double F1);

    internal sealed record MultiCase(string Prediction, List<string> Truths, bool ExactMatch, double F1);

    internal sealed record Reference(List<PairCase> Pairs, List<MultiCase> Multi);

    private static readonly Reference Data = TestData.Load<Reference>("squad_reference.json");

    public static TheoryData<int> PairIndices() => Range(Data.Pairs.Count);

    public static TheoryData<int> MultiIndices() => Range(Data.Multi.Count);

    [Theory]
    [MemberData(nameof(PairIndices))]
    public void NormalizeAnswer_ReferencePair_MatchesOfficialScript(int index)
    {
        var c = Data.Pairs[index];

        Assert.Equal(c.NormalizedPrediction, Squad.NormalizeAnswer(c.Prediction));
        Assert.Equal(c.NormalizedTruth, Squad.NormalizeAnswer(c.Truth));
    }

    [Theory]
    [MemberData(nameof(PairIndices))]
    public void ExactMatchAndTokenF1_ReferencePair_MatchOfficialScript(int index)
    {
        var c = Data.Pairs[index];

        Assert.Equal(c.ExactMatch, Squad.ExactMatch(c.Prediction, c.Truth));
        Assert.Equal(c.F1, Squad.TokenF1(c.Prediction, c.Truth), 15);
    }

    [Theory]
    [MemberData(nameof(MultiIndices))]
    public void ExactMatchAndTokenF1_SeveralTruths_MaximumOverTruths(int index)
    {
        var c = Data.Multi[index];

        Assert.Equal(c.ExactMatch, Squad.ExactMatch(c.Prediction, c.Truths));
        Assert.Equal(c.F1, Squad.TokenF1(c.Prediction, c.Truths), 15);
    }

    [Fact]
    public void TokenF1_HandComputed()
    {
        // "cat dog cat" vs "dog cat dog": overlap min(2,1) cat + min(1,2) dog = 2; P = 2/3, R = 2/3, F1 = 2/3.
        Assert.Equal(2.0 / 3, Squad.TokenF1("cat dog cat", "dog cat dog"), 15);
    }

    [Fact]
    public void EmptyTruthList_Throws()
    {
        Assert.Throws<ArgumentException>(() => Squad.TokenF1("x", Array.Empty<string>()));
    }

    private static TheoryData<int> Range(int count)
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < count; i++)
        {
            data.Add(i);
        }

        return data;
    }
}
