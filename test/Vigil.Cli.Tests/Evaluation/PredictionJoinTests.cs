using Vigil.Cli.Data;
using Vigil.Cli.Evaluation;

namespace Vigil.Cli.Tests.Evaluation;

public sealed class PredictionJoinTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Join_Fixture_CountsMissingAndExtraIds()
    {
        var golden = GoldenSetReader.Read(EvalReference.Eval("cls_golden.jsonl"));
        var predictions = PredictionReader.Read(EvalReference.Eval("cls_preds_a.jsonl"));
        var join = PredictionJoin.Join(golden, predictions);
        var reference = EvalReference.Root.GetProperty("classification");
        Assert.Equal(golden.Items.Count, join.Items.Count);
        Assert.Equal(
            reference.GetProperty("missing").EnumerateArray().Select(e => e.GetString()!),
            join.Items.Where(i => i.Status == ItemStatus.Missing).Select(i => i.Golden.Id));
        Assert.Equal(reference.GetProperty("extra").EnumerateArray().Select(e => e.GetString()!), join.ExtraIds);
        Assert.Equal(0.2033, join.Items[0].Prediction!.Score);
    }

    [Fact]
    public void Join_Pairwise_ItemMissingUnlessBothFilesHaveIt()
    {
        var golden = GoldenSetReader.Read(_cli.Write("g.jsonl", "{\"id\": \"1\", \"input\": \"q\"}\n{\"id\": \"2\", \"input\": \"q\"}\n"));
        var a = PredictionReader.Read(_cli.Write("a.jsonl", "{\"id\": \"1\", \"prediction\": \"x\"}\n{\"id\": \"2\", \"prediction\": \"y\"}\n"));
        var b = PredictionReader.Read(_cli.Write("b.jsonl", "{\"id\": \"2\", \"prediction\": \"z\"}\n{\"id\": \"9\", \"prediction\": \"z\"}\n"), "--predictions-b");
        var join = PredictionJoin.Join(golden, a, b);
        Assert.Equal(ItemStatus.Missing, join.Items[0].Status);
        Assert.Equal(ItemStatus.Ok, join.Items[1].Status);
        Assert.Equal("z", join.Items[1].PredictionB!.Value.GetString());
        Assert.Equal(["9"], join.ExtraIds);
    }

    [Fact]
    public void Read_ProbabilitiesAndNullScore_AreRead()
    {
        var file = PredictionReader.Read(_cli.Write("p.jsonl", "{\"id\": \"1\", \"prediction\": \"a\", \"score\": null, \"probabilities\": {\"a\": 0.7, \"b\": 0.3}}\n"));
        var p = file.ById["1"];
        Assert.Null(p.Score);
        Assert.Equal(0.7, p.Probabilities!["a"]);
    }

    [Theory]
    [InlineData("{\"id\": \"1\", \"prediction\": 1}\n{\"id\": \"1\", \"prediction\": 2}\n", "line 2, field 'id': duplicate id '1'")]
    [InlineData("{\"id\": \"1\"}\n", "line 1, field 'prediction': missing")]
    [InlineData("{\"id\": \"1\", \"prediction\": \"a\", \"score\": 1.5}\n", "line 1, field 'score': must be a probability in [0, 1]")]
    [InlineData("{\"id\": \"1\", \"prediction\": \"a\", \"score\": \"0.5\"}\n", "line 1, field 'score'")]
    [InlineData("{\"id\": \"1\", \"prediction\": \"a\", \"probabilities\": [0.5]}\n", "line 1, field 'probabilities': must be an object")]
    [InlineData("{\"id\": \"1\", \"prediction\": \"a\", \"probabilities\": {\"a\": -0.1}}\n", "line 1, field 'probabilities.a'")]
    public void Read_BadRow_NamesFileLineAndField(string content, string message)
    {
        var path = _cli.Write("p.jsonl", content);
        var ex = Assert.Throws<InputException>(() => PredictionReader.Read(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains(message, ex.Message);
    }
}
