namespace Vigil.Cli.Tests.Evaluation;

public sealed class EvalBadInputTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Eval_MissingDataset_ExitsTwoNamingIt()
    {
        var missing = _cli.PathOf("nope.jsonl");
        var (exit, error) = _cli.Run("eval", "-d", missing, "-p", EvalReference.Eval("cls_preds_a.jsonl"));
        Assert.Equal(2, exit);
        Assert.Contains($"--dataset {missing}: not found", error);
    }

    [Fact]
    public void Eval_NoPredictionSource_ExitsTwo()
    {
        var (exit, error) = _cli.Run("eval", "-d", EvalReference.Eval("cls_golden.jsonl"));
        Assert.Equal(2, exit);
        Assert.Contains("exactly one of --predictions FILE and --endpoint URL", error);
    }

    [Fact]
    public void Eval_DuplicateIdInDataset_ExitsTwoNamingLine()
    {
        var golden = _cli.Write("g.jsonl", "{\"id\": \"a\", \"input\": 1, \"expected\": \"x\"}\n{\"id\": \"a\", \"input\": 2, \"expected\": \"y\"}\n");
        var (exit, error) = _cli.Run("eval", "-d", golden, "-p", golden);
        Assert.Equal(2, exit);
        Assert.Contains($"{golden}, line 2, field 'id': duplicate id 'a' (first on line 1)", error);
    }

    [Fact]
    public void Eval_ExpectedDoesNotSuitTask_ExitsTwoNamingLineAndField()
    {
        var golden = _cli.Write("g.jsonl", "{\"id\": \"a\", \"input\": 1, \"expected\": 1.5}\n{\"id\": \"b\", \"input\": 2, \"expected\": \"high\"}\n");
        var predictions = _cli.Write("p.jsonl", "{\"id\": \"a\", \"prediction\": 1}\n{\"id\": \"b\", \"prediction\": 2}\n");
        var (exit, error) = _cli.Run("eval", "-d", golden, "-p", predictions, "--task", "regression");
        Assert.Equal(2, exit);
        Assert.Contains($"{golden}, line 2, field 'expected': must be a number for --task regression, got string \"high\"", error);
    }

    [Fact]
    public void Eval_PredictionDoesNotSuitTask_ExitsTwoNamingPredictionsLine()
    {
        var golden = _cli.Write("g.jsonl", "{\"id\": \"a\", \"input\": 1, \"expected\": 1.5}\n{\"id\": \"b\", \"input\": 2, \"expected\": 2.5}\n");
        var predictions = _cli.Write("p.jsonl", "{\"id\": \"b\", \"prediction\": 2}\n{\"id\": \"a\", \"prediction\": [1]}\n");
        var (exit, error) = _cli.Run("eval", "-d", golden, "-p", predictions);
        Assert.Equal(2, exit);
        Assert.Contains($"{predictions}, line 2, field 'prediction': must be a number for --task regression", error);
    }

    [Fact]
    public void Eval_MissingExpected_ExitsTwoUnlessJudge()
    {
        var golden = _cli.Write("g.jsonl", "{\"id\": \"a\", \"input\": 1, \"expected\": \"x\"}\n{\"id\": \"b\", \"input\": 2}\n");
        var predictions = _cli.Write("p.jsonl", "{\"id\": \"a\", \"prediction\": \"x\"}\n");
        var (exit, error) = _cli.Run("eval", "-d", golden, "-p", predictions, "--task", "classification");
        Assert.Equal(2, exit);
        Assert.Contains($"{golden}, line 2, field 'expected': missing (--task classification needs an expected value)", error);
    }

    [Fact]
    public void Eval_AmbiguousIntegers_AskForTask()
    {
        var golden = _cli.Write("g.jsonl", "{\"id\": \"a\", \"input\": 1, \"expected\": 1}\n{\"id\": \"b\", \"input\": 2, \"expected\": 2}\n{\"id\": \"c\", \"input\": 3, \"expected\": 3}\n");
        var predictions = _cli.Write("p.jsonl", "{\"id\": \"a\", \"prediction\": 1}\n");
        var (exit, error) = _cli.Run("eval", "-d", golden, "-p", predictions);
        Assert.Equal(2, exit);
        Assert.Contains("give --task classification or --task regression", error);
    }

    [Theory]
    [InlineData("--task", "ranking")]
    [InlineData("--format", "html")]
    [InlineData("--kappa-weights", "cubic")]
    public void Eval_UnknownChoice_ExitsTwo(string option, string value)
    {
        var (exit, error) = _cli.Run("eval", "-d", EvalReference.Eval("cls_golden.jsonl"), "-p", EvalReference.Eval("cls_preds_a.jsonl"), option, value);
        Assert.Equal(2, exit);
        Assert.Contains(value, error);
    }

    [Theory]
    [InlineData("--concurrency", "0", "--concurrency must be between 1 and 256")]
    [InlineData("--timeout", "-1", "--timeout must be a number of seconds")]
    [InlineData("--retries", "99", "--retries must be between 0 and 20")]
    [InlineData("--bootstrap", "-5", "--bootstrap must be between 0 and 1,000,000")]
    [InlineData("--field", "date=time", "the kind must be text, date, number or currency")]
    [InlineData("--endpoint-header", "NoColon", "--endpoint-header: expected 'Name: value'")]
    public void Eval_BadEndpointOrScoringOption_ExitsTwo(string option, string value, string message)
    {
        var (exit, error) = _cli.Run("eval", "-d", EvalReference.Eval("cls_golden.jsonl"), "--endpoint", "http://127.0.0.1:9/", option, value);
        Assert.Equal(2, exit);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Eval_OutputDirectoryMissing_ExitsTwo()
    {
        var (exit, error) = _cli.Run("eval", "-d", EvalReference.Eval("cls_golden.jsonl"), "-p", EvalReference.Eval("cls_preds_a.jsonl"), "-o", _cli.PathOf("no/such/dir/out.json"));
        Assert.Equal(2, exit);
        Assert.Contains("--output", error);
        Assert.Contains("does not exist", error);
        (exit, error) = _cli.Run("eval", "-d", EvalReference.Eval("cls_golden.jsonl"), "-p", EvalReference.Eval("cls_preds_a.jsonl"), "-o", _cli.PathOf("ok.json"), "--junit", _cli.PathOf("no/such/dir/junit.xml"));
        Assert.Equal(2, exit);
        Assert.Contains("--junit", error);
        (exit, error) = _cli.Run("eval", "-d", EvalReference.Eval("cls_golden.jsonl"), "-p", EvalReference.Eval("cls_preds_a.jsonl"), "-o", _cli.PathOf("ok.json"), "--markdown", _cli.PathOf("no/such/dir/summary.md"));
        Assert.Equal(2, exit);
        Assert.Contains("--markdown", error);
    }

    [Fact]
    public void Eval_NoIdMatches_ExitsTwo()
    {
        var predictions = _cli.Write("p.jsonl", "{\"id\": \"zzz\", \"prediction\": \"spam\"}\n");
        var (exit, error) = _cli.Run("eval", "-d", EvalReference.Eval("cls_golden.jsonl"), "-p", predictions);
        Assert.Equal(2, exit);
        Assert.Contains("has a prediction from", error);
        Assert.Contains("no id matches", error);
    }

    [Fact]
    public void Eval_EndpointFailsForEveryItem_ExitsTwoWithTheFirstError()
    {
        using var server = new FakeHttpServer(_ => new FakeResponse(404, "no such route"));
        var (exit, error) = _cli.Run("eval", "-d", EvalReference.Eval("cls_golden.jsonl"), "--endpoint", server.BaseUrl + "/nope");
        Assert.Equal(2, exit);
        Assert.Contains("every call failed, the first with: HTTP 404", error);
    }
}
