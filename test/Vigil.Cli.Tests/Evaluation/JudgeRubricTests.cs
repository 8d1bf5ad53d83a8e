using Vigil.Cli.Data;
using Vigil.Cli.Evaluation.Judge;

namespace Vigil.Cli.Tests.Evaluation;

public sealed class JudgeRubricTests
{
    [Fact]
    public void Render_ReplacesPlaceholdersOnceWithoutReexpanding()
    {
        var rubric = JudgeRubric.Parse("r.txt", "Q: {{input}}\nRef: {{ expected }}\nA: {{prediction}}", pairwise: false);
        var text = rubric.Render(new Dictionary<string, string> { ["input"] = "2+2?", ["expected"] = "4", ["prediction"] = "{{input}}" });
        Assert.Equal("Q: 2+2?\nRef: 4\nA: {{input}}", text);
        Assert.True(rubric.Uses.SetEquals(["input", "expected", "prediction"]));
    }

    [Theory]
    [InlineData("Answer: {{answer}}", false, "unknown placeholder {{answer}}")]
    [InlineData("Question only: {{input}}", false, "must contain {{prediction}}")]
    [InlineData("A: {{prediction_a}}", true, "must contain {{prediction_b}}")]
    [InlineData("A: {{prediction}} B: {{prediction_b}}", true, "unknown placeholder {{prediction}}")]
    public void Parse_BadTemplate_NamesTheProblem(string template, bool pairwise, string message)
    {
        var ex = Assert.Throws<InputException>(() => JudgeRubric.Parse("rubric.txt", template, pairwise));
        Assert.Contains("--rubric rubric.txt", ex.Message);
        Assert.Contains(message, ex.Message);
    }

    [Theory]
    [InlineData("http://h:1", "http://h:1/v1/chat/completions")]
    [InlineData("http://h:1/", "http://h:1/v1/chat/completions")]
    [InlineData("https://api.example.com/v1", "https://api.example.com/v1/chat/completions")]
    [InlineData("http://h/proxy/openai/", "http://h/proxy/openai/v1/chat/completions")]
    public void CompletionsUrl_AppendsV1OnlyOnce(string baseUrl, string expected)
    {
        var options = new JudgeOptions { BaseUrl = new Uri(baseUrl), Model = "m", Rubric = JudgeRubric.Parse("r", "{{prediction}}", false) };
        Assert.Equal(expected, options.CompletionsUrl.ToString());
    }

    [Theory]
    [InlineData("1-5", 1.0, 5.0)]
    [InlineData("0-10", 0.0, 10.0)]
    [InlineData("0-1", 0.0, 1.0)]
    [InlineData("-1-1", -1.0, 1.0)]
    public void ParseScale_Valid(string text, double min, double max)
    {
        Assert.Equal((min, max), JudgeOptions.ParseScale(text));
    }

    [Theory]
    [InlineData("5-1")]
    [InlineData("5")]
    [InlineData("a-b")]
    public void ParseScale_Invalid_IsUsageError(string text)
    {
        Assert.Throws<UsageException>(() => JudgeOptions.ParseScale(text));
    }
}
