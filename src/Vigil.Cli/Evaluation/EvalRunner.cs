using System.Net;
using Vigil.Cli.Data;
using Vigil.Cli.Evaluation.Gates;
using Vigil.Cli.Evaluation.Http;
using Vigil.Cli.Evaluation.Judge;
using Vigil.Cli.Evaluation.Reports;
using Vigil.Cli.Evaluation.Scoring;

namespace Vigil.Cli.Evaluation;

/// <summary>Runs an evaluation: read, predict (file or endpoint), judge, score overall and per tag, gate.</summary>
internal static class EvalRunner
{
    public static async Task<EvalReport> RunAsync(EvalRequest request, TextWriter log, TimeProvider time, CancellationToken cancellation)
    {
        if ((request.PredictionsPath is null) == (request.Endpoint is null))
        {
            throw new UsageException("give exactly one of --predictions FILE and --endpoint URL.");
        }

        if (request.PredictionsBPath is not null && request.Judge is not { Rubric.Pairwise: true })
        {
            throw new UsageException("--predictions-b compares two models with the judge: give --rubric, --judge-url and --judge-model too.");
        }

        var golden = GoldenSetReader.Read(request.DatasetPath);
        var fileB = request.PredictionsBPath is null ? null : PredictionReader.Read(request.PredictionsBPath, "--predictions-b");
        IReadOnlyList<EvalItem> items;
        IReadOnlyList<string> extra = [];
        PredictionFile? fileA = null;
        string source;
        using var http = CreateHttpClient(Math.Max(request.Endpoint?.Concurrency ?? 1, request.Judge?.Concurrency ?? 1));
        if (request.PredictionsPath is not null)
        {
            fileA = PredictionReader.Read(request.PredictionsPath);
            var join = PredictionJoin.Join(golden, fileA, fileB);
            (items, extra) = (join.Items, join.ExtraIds);
            source = request.PredictionsPath + (fileB is null ? string.Empty : $" vs {fileB.Path}");
        }
        else
        {
            log.WriteLine($"calling {request.Endpoint!.Url} for {golden.Items.Count:N0} items ({request.Endpoint.Concurrency} at a time)...");
            items = await new EndpointRunner(http, request.Endpoint, time).RunAsync(golden.Items, cancellation).ConfigureAwait(false);
            if (fileB is not null)
            {
                items = PredictionJoin.AttachB(items, fileB);
            }

            source = request.Endpoint.Url.ToString();
        }

        var (task, reason) = request.Task is { } t ? (t, "given") : TaskInference.Infer(items, request.Judge is not null);
        if (task == EvalTask.Judge && request.Judge is null)
        {
            throw new UsageException("--task judge needs --rubric, --judge-url and --judge-model.");
        }

        items = Check(task, golden, items, fileA);
        if (!items.Any(i => i.HasPrediction))
        {
            var firstError = items.FirstOrDefault(i => i.Error is not null)?.Error;
            throw new InputException($"no item of {golden.Path} has a prediction from {source}"
                + (firstError is null ? " (no id matches)." : $"; every call failed, the first with: {firstError}."));
        }

        JudgeUsage? usage = null;
        if (task == EvalTask.Judge)
        {
            log.WriteLine($"judging {items.Count(i => i.HasPrediction):N0} items with {request.Judge!.Model}{(request.Judge.Rubric.Pairwise ? " (pairwise, both orders)" : string.Empty)}...");
            var client = new ChatCompletionClient(http, request.Judge, time);
            (items, usage) = await new JudgeRunner(client, request.Judge).RunAsync(items, golden.Path, cancellation).ConfigureAwait(false);
            if (usage.Calls > 0 && usage.FailedCalls == usage.Calls)
            {
                var firstError = items.First(i => i.Judge?.Error is not null).Judge!.Error;
                throw new InputException($"--judge-url {request.Judge.CompletionsUrl}: every judge call failed, the first with: {firstError}.");
            }
        }

        var scoring = request.Scoring with { Pairwise = request.Judge?.Rubric.Pairwise ?? false, JudgePass = request.Judge?.Pass ?? request.Scoring.JudgePass };
        TaskScorer Factory(IReadOnlyList<EvalItem> list) => ScorerFactory.Create(task, list, scoring);
        var scorer = Factory(items);
        var metrics = scorer.ComputeAll();
        var warnings = new List<string>();
        if (scorer is ClassificationScorer { ProbabilitySource: null })
        {
            var scored = items.Where(i => i.HasPrediction).ToList();
            var withScore = scored.Count(i => i.Prediction!.Score is not null || i.Prediction!.Probabilities is not null);
            if (withScore > 0)
            {
                warnings.Add($"{withScore} of {scored.Count} predictions carry score or probabilities: roc_auc, pr_auc, log_loss, brier and ece need them on every prediction (score for a binary task) and are left out.");
            }
        }

        BaselineRun? baseline = null;
        if (request.BaselinePath is not null)
        {
            baseline = ReadBaseline(request.BaselinePath, task, golden, warnings);
        }

        var gates = new GateEvaluator(Factory, request.BootstrapResamples, request.Seed).Evaluate(request.Gates, scorer, metrics, baseline);
        var report = new EvalReport
        {
            Task = task,
            TaskReason = reason,
            DatasetPath = golden.Path,
            DatasetHash = golden.Hash,
            Source = source,
            Items = items,
            Passes = Enumerable.Range(0, items.Count).Select(scorer.Passes).ToList(),
            ExtraIds = extra,
            Metrics = metrics,
            ByTag = ByTag(scorer),
            Gates = gates,
            BaselinePath = baseline?.Path,
            Bootstrap = (request.BootstrapResamples, request.Seed),
            Latency = request.Endpoint is null ? null : LatencySummary.Of(items.Where(i => i.HasPrediction && i.LatencyMs is not null).Select(i => i.LatencyMs!.Value)),
            Judge = usage,
            Warnings = warnings,
        };
        return Details(report, scorer);
    }

    private static HttpClient CreateHttpClient(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.All,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>
    /// Checks each expected value and prediction against the task. A bad expected value or a bad row of a predictions
    /// file is bad input; a bad endpoint answer makes that item <see cref="ItemStatus.Failed"/>.
    /// </summary>
    private static List<EvalItem> Check(EvalTask task, GoldenSet golden, IReadOnlyList<EvalItem> items, PredictionFile? file)
    {
        var checkedItems = new List<EvalItem>(items.Count);
        foreach (var item in items)
        {
            if (TaskInputCheck.Expected(task, item.Golden.Expected) is { } bad)
            {
                throw JsonlReader.Error(golden.Path, item.Golden.Line, "expected", bad);
            }

            if (item.Prediction is { } p && TaskInputCheck.Prediction(task, p.Value) is { } wrong)
            {
                if (file is not null)
                {
                    throw JsonlReader.Error(file.Path, file.Lines[item.Golden.Id], "prediction", wrong);
                }

                checkedItems.Add(item with { Prediction = null, Status = ItemStatus.Failed, Error = "response field 'prediction': " + wrong });
                continue;
            }

            checkedItems.Add(item);
        }

        return checkedItems;
    }

    private static BaselineRun ReadBaseline(string path, EvalTask task, GoldenSet golden, List<string> warnings)
    {
        var baseline = BaselineReader.Read(path, golden);
        if (baseline.Task != TaskInputCheck.Name(task))
        {
            throw new InputException($"--baseline {path}: is a '{baseline.Task}' run, this run's task is '{TaskInputCheck.Name(task)}'.");
        }

        foreach (var item in baseline.Items ?? [])
        {
            var bad = TaskInputCheck.Expected(task, item.Golden.Expected) ?? (item.Prediction is { } p ? TaskInputCheck.Prediction(task, p.Value) : null);
            if (bad is not null)
            {
                throw new InputException($"--baseline {path}: item '{item.Golden.Id}': {bad}");
            }
        }

        if (baseline.DatasetHash is { } hash && hash != golden.Hash)
        {
            warnings.Add($"the baseline was run on another version of the dataset ({hash}); gates compare the item ids both runs share.");
        }

        return baseline;
    }

    private static Dictionary<string, IReadOnlyDictionary<string, double>> ByTag(TaskScorer scorer)
    {
        var byTag = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < scorer.Items.Count; i++)
        {
            foreach (var tag in scorer.Items[i].Golden.Tags)
            {
                if (!byTag.TryGetValue(tag, out var list))
                {
                    byTag[tag] = list = [];
                }

                list.Add(i);
            }
        }

        return byTag.ToDictionary(t => t.Key, t => (IReadOnlyDictionary<string, double>)scorer.Compute(t.Value.ToArray()), StringComparer.Ordinal);
    }

    private static EvalReport Details(EvalReport report, TaskScorer scorer)
    {
        switch (scorer)
        {
            case ClassificationScorer classification when report.Scored > 0:
                var result = classification.Result();
                return report with { Confusion = new ConfusionTable(result.Labels, result.Confusion), PositiveLabel = classification.PositiveLabel };
            case ExtractionScorer extraction when report.Scored > 0:
                return report with { Fields = extraction.Result().Fields };
            default:
                return report;
        }
    }
}
