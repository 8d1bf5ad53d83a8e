using System.Text.Json;
using Vigil.Cli.Evaluation;
using Vigil.Cli.Evaluation.Scoring;

namespace Vigil.Cli.Tests.Evaluation;

public sealed class TaskInferenceTests
{
    private static List<EvalItem> Items(string expectedJsonArray, bool withScores = false) => JsonDocument.Parse(expectedJsonArray).RootElement.EnumerateArray()
        .Select((e, i) => new EvalItem(
            new GoldenItem($"{i}", default, e.Clone(), [], i + 1),
            new EvalPrediction(e.Clone(), withScores ? 0.5 : null, null),
            ItemStatus.Ok))
        .ToList();

    [Theory]
    [InlineData("[{\"a\": 1}, {\"a\": 2}]", "Extraction")]
    [InlineData("[true, false, true]", "Classification")]
    [InlineData("[1.5, 2, 3]", "Regression")]
    [InlineData("[0, 1, 1, 0]", "Classification")]
    [InlineData("[[\"a b\", \"c\"], [\"d\"]]", "Text")]
    [InlineData("[\"spam\", \"ham\", \"spam\", \"ham\"]", "Classification")]
    [InlineData("[\"The cat sat.\", \"A dog ran.\", \"It rained.\"]", "Text")]
    [InlineData("[\"a\", \"b\", \"c\", \"a\", \"b\", \"c\"]", "Classification")]
    [InlineData("[\"a\", \"b\", \"c\", \"d\", \"a\"]", "Text")]
    public void Infer_FromExpectedValues(string expected, string task)
    {
        Assert.Equal(Enum.Parse<EvalTask>(task), TaskInference.Infer(Items(expected), judgeOptionsGiven: false).Task);
    }

    [Fact]
    public void Infer_ScoresMakeUniqueStringsAndManyIntegersClassification()
    {
        Assert.Equal(EvalTask.Classification, TaskInference.Infer(Items("[\"x\", \"y\", \"z\"]", withScores: true), false).Task);
        Assert.Equal(EvalTask.Classification, TaskInference.Infer(Items("[1, 2, 3]", withScores: true), false).Task);
    }

    [Fact]
    public void Infer_JudgeOptions_WinOverValues()
    {
        Assert.Equal(EvalTask.Judge, TaskInference.Infer(Items("[1.5]"), judgeOptionsGiven: true).Task);
    }

    [Theory]
    [InlineData("[1, 2, 3]", "integers")]
    [InlineData("[1, \"a\"]", "mix")]
    [InlineData("[[1, 2]]", "other values")]
    [InlineData("[null]", "no item has an 'expected' value")]
    public void Infer_Ambiguous_AsksForTask(string expected, string message)
    {
        var ex = Assert.Throws<UsageException>(() => TaskInference.Infer(Items(expected), false));
        Assert.Contains(message, ex.Message);
        Assert.Contains("--task", ex.Message);
    }
}
