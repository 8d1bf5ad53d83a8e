using System.Collections.Concurrent;
using System.Globalization;
using Vigil.Cli.Data;

namespace Vigil.Cli.Evaluation.Judge;

/// <summary>
/// Asks the judge about every item that has a prediction, at most <see cref="JudgeOptions.Concurrency"/> calls at
/// a time. Pairwise, each item is asked twice, with A shown first and then with B shown first, and the two
/// preferences for A are averaged so that a judge's bias for the first (or second) position cancels out.
/// </summary>
internal sealed class JudgeRunner(ChatCompletionClient client, JudgeOptions options)
{
    private readonly ChatCompletionClient _client = client;
    private readonly JudgeOptions _options = options;
    private readonly ConcurrentBag<ChatCompletion> _calls = [];
    private int _parseFailures;

    /// <summary>The system message of single-score mode (states the only answer format accepted).</summary>
    public string ScoreInstruction => "You are a careful, impartial evaluator. Apply the user's rubric. Reply with only a JSON object "
        + $"{{\"score\": <number from {Format(_options.ScaleMin)} to {Format(_options.ScaleMax)}>, \"reason\": \"<one sentence>\"}} and nothing else.";

    /// <summary>The system message of pairwise mode.</summary>
    public static string PairInstruction => "You are a careful, impartial evaluator. Apply the user's rubric to compare response A with response B. "
        + "Reply with only a JSON object {\"winner\": \"A\" or \"B\" or \"tie\", \"reason\": \"<one sentence>\"} and nothing else.";

    /// <summary>The items with <see cref="EvalItem.Judge"/> set where a prediction exists, and the usage.</summary>
    public async Task<(IReadOnlyList<EvalItem> Items, JudgeUsage Usage)> RunAsync(IReadOnlyList<EvalItem> items, string datasetPath, CancellationToken cancellation)
    {
        if (_options.Rubric.Uses.Contains("expected"))
        {
            foreach (var item in items)
            {
                if (item.Golden.Expected is null)
                {
                    throw new InputException($"{datasetPath}, line {item.Golden.Line}, field 'expected': missing, and the rubric {_options.Rubric.Path} uses {{{{expected}}}}.");
                }
            }
        }

        var judged = items.ToArray();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellation };
        await Parallel.ForEachAsync(Enumerable.Range(0, judged.Length), parallel, async (i, ct) =>
        {
            var item = judged[i];
            if (item.HasPrediction && (!_options.Rubric.Pairwise || item.PredictionB is not null))
            {
                judged[i] = item with { Judge = _options.Rubric.Pairwise ? await JudgePairAsync(item, ct).ConfigureAwait(false) : await JudgeOneAsync(item, ct).ConfigureAwait(false) };
            }
        }).ConfigureAwait(false);

        var calls = _calls.ToList();
        var prompt = calls.Sum(c => c.PromptTokens);
        var completion = calls.Sum(c => c.CompletionTokens);
        var usage = new JudgeUsage(
            _options.Model,
            calls.Count,
            calls.Count(c => c.Error is not null),
            _parseFailures,
            prompt,
            completion,
            JudgeUsage.CostOf(prompt, completion, _options.PriceIn, _options.PriceOut),
            LatencySummary.Of(calls.Where(c => c.Error is null).Select(c => c.LatencyMs)));
        return (judged, usage);
    }

    private async Task<JudgeVerdict> JudgeOneAsync(EvalItem item, CancellationToken cancellation)
    {
        var prompt = _options.Rubric.Render(Values(item, Labels.Text(item.Prediction!.Value), null));
        var call = await CallAsync(ScoreInstruction, prompt, cancellation).ConfigureAwait(false);
        if (call.Error is not null)
        {
            return Failed(call.Error, false, null, [call]);
        }

        var answer = JudgeAnswerParser.ParseScore(call.Content!, _options.ScaleMin, _options.ScaleMax);
        return answer.Error is not null
            ? Failed(answer.Error, true, call.Content, [call])
            : Totals([call]) with { Score = answer.Score, Reason = answer.Reason };
    }

    private async Task<JudgeVerdict> JudgePairAsync(EvalItem item, CancellationToken cancellation)
    {
        var a = Labels.Text(item.Prediction!.Value);
        var b = Labels.Text(item.PredictionB!.Value);
        var calls = new List<ChatCompletion>(2);
        var winners = new List<string>(2);
        string? reason = null;
        foreach (var (first, second) in new[] { (a, b), (b, a) })
        {
            var call = await CallAsync(PairInstruction, _options.Rubric.Render(Values(item, first, second)), cancellation).ConfigureAwait(false);
            calls.Add(call);
            if (call.Error is not null)
            {
                return Failed(call.Error, false, null, calls);
            }

            var answer = JudgeAnswerParser.ParseWinner(call.Content!);
            if (answer.Error is not null)
            {
                return Failed(answer.Error, true, call.Content, calls);
            }

            winners.Add(answer.Winner!);
            reason ??= answer.Reason;
        }

        // Preference for A: first order A -> 1, B -> 0; second order (B shown as "A") A -> 0, B -> 1; tie -> 0.5.
        var preference = (Preference(winners[0]) + (1 - Preference(winners[1]))) / 2;
        return Totals(calls) with { Score = preference, Winners = winners, Reason = reason };
    }

    private async Task<ChatCompletion> CallAsync(string system, string user, CancellationToken cancellation)
    {
        var call = await _client.CompleteAsync(system, user, cancellation).ConfigureAwait(false);
        _calls.Add(call);
        return call;
    }

    private JudgeVerdict Failed(string error, bool parse, string? raw, IReadOnlyList<ChatCompletion> calls)
    {
        if (parse)
        {
            Interlocked.Increment(ref _parseFailures);
        }

        return Totals(calls) with { Error = error, ParseFailure = parse, RawAnswer = raw is { Length: > 500 } ? raw[..500] : raw };
    }

    private static JudgeVerdict Totals(IReadOnlyList<ChatCompletion> calls) => new()
    {
        PromptTokens = calls.Sum(c => c.PromptTokens),
        CompletionTokens = calls.Sum(c => c.CompletionTokens),
        LatencyMs = calls.Sum(c => c.LatencyMs),
    };

    private static Dictionary<string, string> Values(EvalItem item, string prediction, string? second)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["input"] = Labels.Text(item.Golden.Input),
            ["expected"] = item.Golden.Expected is { } e ? Labels.Text(e) : string.Empty,
        };
        if (second is null)
        {
            values["prediction"] = prediction;
        }
        else
        {
            values["prediction_a"] = prediction;
            values["prediction_b"] = second;
        }

        return values;
    }

    private static double Preference(string winner) => winner switch
    {
        "A" => 1,
        "B" => 0,
        _ => 0.5,
    };

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
