using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vigil.Cli.Evaluation.Judge;

namespace Vigil.Cli.Tests.Evaluation;

/// <summary>
/// <c>vigil eval --task judge</c> against a local OpenAI-compatible server that scores the quality digit hidden in each
/// answer ("answer q4" scores 4); expected values from sklearn (eval_cli_reference.py). The class sets
/// <see cref="JudgeOptions.ApiKeyVariable"/>, so its tests share one collection and run one at a time.
/// </summary>
public sealed partial class EvalCommandJudgeTests : IDisposable
{
    private const string Key = "sk-judge-never-print-me";
    private const string Rubric = "Rate the answer to the user's question against the reference.\nQuestion: {{input}}\nReference: {{expected}}\nAnswer: {{prediction}}\nScore 1 (wrong) to 5 (perfect).";
    private const string PairRubric = "Which response follows the instruction better?\nInstruction: {{input}}\nA: {{prediction_a}}\nB: {{prediction_b}}";

    private readonly CliRunner _cli = new();

    public EvalCommandJudgeTests()
    {
        Environment.SetEnvironmentVariable(JudgeOptions.ApiKeyVariable, Key);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(JudgeOptions.ApiKeyVariable, null);
        _cli.Dispose();
    }

    private static int Quality(string text) => int.Parse(QualityPattern().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>Scores answers by their quality digit; "MALFORMED" answers get free text; "RATE" answers are refused once with 429.</summary>
    private static FakeHttpServer SingleJudge()
    {
        var limited = 0;
        return new FakeHttpServer(r =>
        {
            var user = FakeJudge.Read(r).User;
            if (user.Contains("RATE", StringComparison.Ordinal) && Interlocked.Exchange(ref limited, 1) == 0)
            {
                return new FakeResponse(429, "{\"error\": {\"message\": \"Rate limit reached\"}}") { Headers = new() { ["Retry-After"] = "1" } };
            }

            var answer = user[user.IndexOf("Answer: ", StringComparison.Ordinal)..];
            return user.Contains("MALFORMED", StringComparison.Ordinal)
                ? FakeJudge.Completion("I'd give this 1 out of 5.")
                : FakeJudge.Completion($"{{\"score\": {Quality(answer)}, \"reason\": \"checked against the reference\"}}");
        });
    }

    [Fact]
    public void Judge_Single_ScoresPassRateKappaUsageAndCost()
    {
        using var server = SingleJudge();
        var rubric = _cli.Write("rubric.txt", Rubric);
        var markdown = _cli.PathOf("summary.md");
        var (exit, report, error) = EvalCli.Json(_cli, "-d", EvalReference.Eval("judge_golden.jsonl"), "-p", EvalReference.Eval("judge_preds.jsonl"),
            "--rubric", rubric, "--judge-url", server.BaseUrl + "/v1", "--judge-model", "judge-test", "--judge-price-in", "3", "--judge-price-out", "15",
            "--gate", "pass_rate>=0.7", "--markdown", markdown, "--retry-delay", "0");
        Assert.True(exit == 0, error);
        var reference = EvalReference.Root.GetProperty("judge");
        var metrics = report.GetProperty("metrics");
        Assert.Equal("judge", report.GetProperty("task").GetString());
        foreach (var name in new[] { "judge_score", "pass_rate", "judge_coverage", "judge_kappa" })
        {
            Assert.Equal(reference.GetProperty(name).GetDouble(), metrics.GetProperty(name).GetDouble(), 12);
        }

        Assert.Equal(reference.GetProperty("by_tag").GetProperty("history").GetProperty("judge_score").GetDouble(), report.GetProperty("by_tag").GetProperty("history").GetProperty("judge_score").GetDouble(), 12);
        var judge = report.GetProperty("judge");
        Assert.Equal((8, 0, 1), (judge.GetProperty("calls").GetInt32(), judge.GetProperty("failed_calls").GetInt32(), judge.GetProperty("parse_failures").GetInt32()));
        // Eight answered calls of 100 prompt and 10 completion tokens: 800 / 1e6 * 3 + 80 / 1e6 * 15.
        Assert.Equal((800, 80), (judge.GetProperty("prompt_tokens").GetInt64(), judge.GetProperty("completion_tokens").GetInt64()));
        Assert.Equal(0.0036, judge.GetProperty("cost").GetDouble(), 15);
        Assert.Equal(8, judge.GetProperty("latency_ms").GetProperty("count").GetInt32());
        Assert.Equal(9, server.Requests.Count); // one 429, retried

        var malformed = report.GetProperty("items")[5].GetProperty("judge");
        Assert.True(malformed.GetProperty("parse_failure").GetBoolean());
        Assert.Equal(JsonValueKind.Null, malformed.GetProperty("score").ValueKind);
        Assert.Equal("I'd give this 1 out of 5.", malformed.GetProperty("raw_answer").GetString());
        Assert.False(report.GetProperty("items")[5].GetProperty("pass").GetBoolean());

        foreach (var request in server.Requests)
        {
            Assert.Equal("/v1/chat/completions", request.Path);
            Assert.Equal("Bearer " + Key, request.Authorization);
            Assert.Equal(0.0, FakeJudge.Read(request).Temperature);
        }

        Assert.DoesNotContain(Key, JsonSerializer.Serialize(report));
        Assert.DoesNotContain(Key, File.ReadAllText(markdown));
        Assert.DoesNotContain(Key, error);
    }

    [Fact]
    public void Judge_QuadraticKappa_MatchesSklearn()
    {
        using var server = SingleJudge();
        var (_, report, error) = EvalCli.Json(_cli, "-d", EvalReference.Eval("judge_golden.jsonl"), "-p", EvalReference.Eval("judge_preds.jsonl"),
            "--rubric", _cli.Write("rubric.txt", Rubric), "--judge-url", server.BaseUrl, "--judge-model", "m", "--kappa-weights", "quadratic", "--retry-delay", "0");
        Assert.Equal(EvalReference.Root.GetProperty("judge").GetProperty("judge_kappa_quadratic").GetDouble(), report.GetProperty("metrics").GetProperty("judge_kappa").GetDouble(), 12);
    }

    [Fact]
    public void Judge_Pairwise_BothOrdersAveragedKappaAgainstHumanPreferences()
    {
        // Prefers the higher quality; on a tie names whichever answer it was shown first (a pure position bias).
        using var server = new FakeHttpServer(r =>
        {
            var user = FakeJudge.Read(r).User;
            var a = Quality(user[user.IndexOf("A: ", StringComparison.Ordinal)..]);
            var b = Quality(user[user.IndexOf("B: ", StringComparison.Ordinal)..]);
            return FakeJudge.Completion($"{{\"winner\": \"{(a >= b ? "A" : "B")}\", \"reason\": \"r\"}}", 50, 5);
        });
        var (exit, report, error) = EvalCli.Json(_cli, "-d", EvalReference.Eval("pair_golden.jsonl"), "-p", EvalReference.Eval("pair_preds_a.jsonl"),
            "--predictions-b", EvalReference.Eval("pair_preds_b.jsonl"), "--rubric", _cli.Write("pair.txt", PairRubric),
            "--judge-url", server.BaseUrl, "--judge-model", "m", "--gate", "win_rate>=0.4");
        Assert.True(exit == 0, error);
        var reference = EvalReference.Root.GetProperty("pairwise");
        var metrics = report.GetProperty("metrics");
        foreach (var name in new[] { "win_rate", "position_consistency", "judge_kappa" })
        {
            Assert.Equal(reference.GetProperty(name).GetDouble(), metrics.GetProperty(name).GetDouble(), 12);
        }

        Assert.False(metrics.TryGetProperty("pass_rate", out _));
        Assert.Equal(12, server.Requests.Count);
        var tie = report.GetProperty("items")[2];
        Assert.Equal(0.5, tie.GetProperty("judge").GetProperty("score").GetDouble());
        Assert.Equal("[\"A\",\"A\"]", EvalCli.Compact(tie.GetProperty("judge").GetProperty("winners")));
        Assert.Equal(600, report.GetProperty("judge").GetProperty("prompt_tokens").GetInt64());
    }

    [Theory]
    [InlineData(new[] { "--rubric", "RUBRIC", "--judge-url", "http://127.0.0.1:9" }, "missing --judge-model")]
    [InlineData(new[] { "--task", "judge" }, "--task judge needs --rubric, --judge-url and --judge-model")]
    [InlineData(new[] { "--rubric", "BAD", "--judge-url", "http://127.0.0.1:9", "--judge-model", "m" }, "must contain {{prediction}}")]
    [InlineData(new[] { "--rubric", "RUBRIC", "--judge-url", "http://127.0.0.1:9", "--judge-model", "m", "--judge-scale", "5-1" }, "--judge-scale '5-1'")]
    [InlineData(new[] { "--rubric", "RUBRIC", "--judge-url", "http://127.0.0.1:9", "--judge-model", "m", "--judge-pass", "9" }, "--judge-pass 9 is outside the scale")]
    public void Judge_BadOptions_ExitTwo(string[] options, string message)
    {
        var rubric = _cli.Write("r.txt", Rubric);
        var bad = _cli.Write("bad.txt", "Question: {{input}}");
        var args = options.Select(o => o == "RUBRIC" ? rubric : o == "BAD" ? bad : o);
        var (exit, error) = _cli.Run(["eval", "-d", EvalReference.Eval("judge_golden.jsonl"), "-p", EvalReference.Eval("judge_preds.jsonl"), .. args]);
        Assert.Equal(2, exit);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Judge_KeyRefused_ExitsTwoWithoutTheKey()
    {
        using var server = new FakeHttpServer(_ => new FakeResponse(401, "{\"error\": \"bad key\"}"));
        var (exit, error) = _cli.Run("eval", "-d", EvalReference.Eval("judge_golden.jsonl"), "-p", EvalReference.Eval("judge_preds.jsonl"),
            "--rubric", _cli.Write("r.txt", Rubric), "--judge-url", server.BaseUrl, "--judge-model", "m");
        Assert.Equal(2, exit);
        Assert.Contains("HTTP 401", error);
        Assert.Contains(JudgeOptions.ApiKeyVariable, error);
        Assert.DoesNotContain(Key, error);
    }

    [Fact]
    public void Judge_OwnOutputAsBaseline_ZeroDeltaFromRecordedVerdicts()
    {
        using var server = new FakeHttpServer(r => FakeJudge.Completion($"{{\"score\": {Quality(FakeJudge.Read(r).User[FakeJudge.Read(r).User.IndexOf("Answer: ", StringComparison.Ordinal)..])}}}"));
        var rubric = _cli.Write("rubric.txt", Rubric);
        string[] common = ["-d", EvalReference.Eval("judge_golden.jsonl"), "-p", EvalReference.Eval("judge_preds.jsonl"), "--rubric", rubric, "--judge-url", server.BaseUrl, "--judge-model", "m"];
        var baseline = _cli.PathOf("judge-base.json");
        Assert.Equal(0, _cli.Run(["eval", .. common, "--format", "json", "-o", baseline]).Exit);
        var (exit, report, error) = EvalCli.Json(_cli, [.. common, "--baseline", baseline, "--gate", "judge_score>=baseline", "--gate", "pass_rate>=baseline-0.1"]);
        Assert.True(exit == 0, error);
        foreach (var gate in report.GetProperty("gates").EnumerateArray())
        {
            Assert.Equal(0.0, gate.GetProperty("delta").GetDouble());
            Assert.Equal(0.0, gate.GetProperty("ci_low").GetDouble());
            Assert.Equal(0.0, gate.GetProperty("ci_high").GetDouble());
        }
    }

    [Fact]
    public void Judge_EveryCallFails_ExitsTwo()
    {
        using var server = new FakeHttpServer(_ => new FakeResponse(404, "{\"error\": \"model not found\"}"));
        var (exit, error) = _cli.Run("eval", "-d", EvalReference.Eval("judge_golden.jsonl"), "-p", EvalReference.Eval("judge_preds.jsonl"),
            "--rubric", _cli.Write("r.txt", Rubric), "--judge-url", server.BaseUrl, "--judge-model", "nope");
        Assert.Equal(2, exit);
        Assert.Contains("every judge call failed, the first with: HTTP 404", error);
    }

    [GeneratedRegex(@"q(\d)")]
    private static partial Regex QualityPattern();
}
