using Vigil.Cli.Evaluation.Judge;

namespace Vigil.Cli.Tests.Evaluation;

public sealed class JudgeAnswerParserTests
{
    [Theory]
    [InlineData("{\"score\": 4, \"reason\": \"good\"}", 4.0, "good")]
    [InlineData("  {\"score\": 2.5}\n", 2.5, null)]
    [InlineData("```json\n{\"score\": 5, \"reason\": \"ok\"}\n```", 5.0, "ok")]
    [InlineData("```\n{\"score\": 1}\n```", 1.0, null)]
    public void ParseScore_StrictJsonObject_IsAccepted(string content, double score, string? reason)
    {
        var answer = JudgeAnswerParser.ParseScore(content, 1, 5);
        Assert.Null(answer.Error);
        Assert.Equal(score, answer.Score);
        Assert.Equal(reason, answer.Reason);
    }

    [Theory]
    [InlineData("Score: 4", "not a JSON object")]
    [InlineData("I would give it {\"score\": 4}", "not a JSON object")]
    [InlineData("{\"score\": 4} because it is good", "not a JSON object")]
    [InlineData("{\"score\": \"4\"}", "\"score\" must be a JSON number, got string")]
    [InlineData("{\"score\": null}", "\"score\" must be a JSON number")]
    [InlineData("{\"rating\": 4}", "no \"score\" field")]
    [InlineData("{\"score\": 4, \"score\": 5}", "\"score\" given 2 times")]
    [InlineData("{\"score\": 7}", "score 7 is outside the scale 1-5")]
    [InlineData("{\"score\": 0}", "outside the scale")]
    [InlineData("[4]", "not a JSON object")]
    [InlineData("", "empty answer")]
    [InlineData("```python\n{\"score\": 4}\n```", "not a JSON object")]
    public void ParseScore_AnythingElse_IsRejectedNeverGuessed(string content, string error)
    {
        var answer = JudgeAnswerParser.ParseScore(content, 1, 5);
        Assert.Null(answer.Score);
        Assert.Contains(error, answer.Error);
    }

    [Theory]
    [InlineData("{\"winner\": \"A\"}", "A")]
    [InlineData("{\"winner\": \"b\", \"reason\": \"r\"}", "B")]
    [InlineData("{\"winner\": \"Tie\"}", "tie")]
    public void ParseWinner_Valid_IsNormalized(string content, string winner)
    {
        Assert.Equal(winner, JudgeAnswerParser.ParseWinner(content).Winner);
    }

    [Theory]
    [InlineData("{\"winner\": \"C\"}")]
    [InlineData("{\"winner\": 1}")]
    [InlineData("A")]
    [InlineData("{\"score\": 3}")]
    public void ParseWinner_Invalid_IsRejected(string content)
    {
        var answer = JudgeAnswerParser.ParseWinner(content);
        Assert.Null(answer.Winner);
        Assert.NotNull(answer.Error);
    }
}
