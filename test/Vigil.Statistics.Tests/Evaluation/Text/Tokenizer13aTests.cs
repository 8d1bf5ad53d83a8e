using Vigil.Statistics.Evaluation.Text;

namespace Vigil.Statistics.Tests.Evaluation.Text;

public class Tokenizer13aTests
{
    /// <summary>One row of TestData/text_tokenizers_reference.json (scripts/text_tokenizers_reference.py).</summary>
    internal sealed record TokenizerCase(string Input, string Tok13a, List<string> Rouge);

    internal static readonly List<TokenizerCase> Cases = TestData.Load<List<TokenizerCase>>("text_tokenizers_reference.json");

    public static TheoryData<int> Indices()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Cases.Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Indices))]
    public void Tokens_ReferenceInput_MatchesSacrebleuRegexesRunByPython(int index)
    {
        var c = Cases[index];

        Assert.Equal(c.Tok13a, string.Join(' ', Tokenizer13a.Tokens(c.Input)));
    }

    [Fact]
    public void Tokenize_ReadmeSentence_SplitsFinalPeriodOnly()
    {
        // mteval-v13a: the period after a non-digit is split off, the apostrophe is not a separated symbol.
        Assert.Equal("It wasn't surprising .", Tokenizer13a.Tokenize("It wasn't surprising."));
    }
}
