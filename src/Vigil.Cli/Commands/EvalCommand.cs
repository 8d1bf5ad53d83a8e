using System.CommandLine;
using System.Globalization;
using Vigil.Cli.Evaluation;
using Vigil.Cli.Evaluation.Gates;
using Vigil.Cli.Evaluation.Http;
using Vigil.Cli.Evaluation.Judge;
using Vigil.Cli.Evaluation.Recording;
using Vigil.Cli.Evaluation.Reports;
using Vigil.Cli.Evaluation.Scoring;
using Vigil.Statistics.Evaluation;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil eval</c>: scores predictions (a file or a model endpoint) against a golden set and applies quality gates (docs/eval.md).</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset", "-d") { Description = "Golden set: JSONL lines {id, input, expected, tags}.", Required = true };
        var predictions = new Option<string?>("--predictions", "-p") { Description = "Predictions: JSONL lines {id, prediction, score?, probabilities?}, joined by id." };
        var predictionsB = new Option<string?>("--predictions-b") { Description = "Second model's predictions: the judge compares them pairwise with --predictions, in both orders." };
        var endpoint = new Option<string?>("--endpoint") { Description = "Model URL: each item's input is POSTed as JSON; the response gives {prediction, score?, probabilities?}." };
        var endpointHeader = new Option<string[]>("--endpoint-header") { Description = "Extra request header for --endpoint, 'Name: value' (repeatable; never printed)." };
        var task = new Option<string?>("--task", "-t") { Description = "classification, regression, extraction, text or judge (default: inferred, see docs/eval.md)." };
        task.AcceptOnlyFromAmong("classification", "regression", "extraction", "text", "judge");
        var concurrency = new Option<int>("--concurrency") { Description = "Endpoint and judge requests in flight at most.", DefaultValueFactory = _ => 4 };
        var timeout = new Option<double>("--timeout") { Description = "Seconds one request may take (endpoint and judge).", DefaultValueFactory = _ => 30 };
        var retries = new Option<int>("--retries") { Description = "Retries of a failed request (timeouts, connection errors, 408, 429, 5xx).", DefaultValueFactory = _ => 3 };
        var retryDelay = new Option<double>("--retry-delay") { Description = "First backoff in seconds, doubled each retry; Retry-After on 429/503 replaces it.", DefaultValueFactory = _ => 0.5 };
        var positiveLabel = new Option<string?>("--positive-label") { Description = "Classification: the positive label of a binary task (default: 1, true or yes, else the second label in ordinal order)." };
        var bins = new Option<int>("--calibration-bins") { Description = "Classification: equal-width bins of the expected calibration error.", DefaultValueFactory = _ => 10 };
        var field = new Option<string[]>("--field") { Description = "Extraction: NAME=text|date|number|currency[:day-first,decimal-comma,case-sensitive,keep-whitespace]; NAME * sets the default (repeatable)." };
        var schema = new Option<string?>("--schema") { Description = "Extraction: JSON schema file; schema_compliance = share of predictions valid against it." };
        var noGrounding = new Option<bool>("--no-grounding") { Description = "Extraction: do not look predicted values up in the input (grounding)." };
        var rubric = new Option<string?>("--rubric") { Description = "Judge: prompt template with {{input}}, {{expected}}, {{prediction}} (pairwise: {{prediction_a}}, {{prediction_b}})." };
        var judgeUrl = new Option<string?>("--judge-url") { Description = "Judge: base URL of an OpenAI-compatible server ({base}/v1/chat/completions); key from $" + JudgeOptions.ApiKeyVariable + "." };
        var judgeModel = new Option<string?>("--judge-model") { Description = "Judge: model name." };
        var judgeScale = new Option<string>("--judge-scale") { Description = "Judge: score range MIN-MAX; answers outside it are parse failures.", DefaultValueFactory = _ => "1-5" };
        var judgePass = new Option<double?>("--judge-pass") { Description = "Judge: an item passes when its score is at least this (default: the scale's midpoint)." };
        var priceIn = new Option<double?>("--judge-price-in") { Description = "Judge: price per 1M prompt tokens, for the cost." };
        var priceOut = new Option<double?>("--judge-price-out") { Description = "Judge: price per 1M completion tokens, for the cost." };
        var kappa = new Option<string>("--kappa-weights") { Description = "Judge: Cohen's kappa against human_label: none, linear or quadratic.", DefaultValueFactory = _ => "none" };
        kappa.AcceptOnlyFromAmong("none", "linear", "quadratic");
        var gate = new Option<string[]>("--gate", "-g") { Description = "Gate, e.g. accuracy>=0.9, f1>=baseline-0.02, pass_rate>=baseline-5% (repeatable)." };
        var gatesFile = new Option<string?>("--gates") { Description = "Gates file (JSON)." };
        var baseline = new Option<string?>("--baseline") { Description = "Baseline run: a previous --format json output, for gates relative to baseline." };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Paired bootstrap resamples for the 95% interval of each delta (0: compare point values).", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the bootstrap.", DefaultValueFactory = _ => 1 };
        var format = new Option<string>("--format", "-f") { Description = "Output format: table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file (atomically) instead of standard output." };
        var record = new Option<bool>("--record") { Description = "Record the run in the Vigil server (with --model and --model-version) as evidence for promotions and for comparisons." };
        var server = new Option<string?>("--server") { Description = "Vigil server for --record and --baseline-run (default $VIGIL_URL, else http://127.0.0.1:5080)." };
        var apiKey = new Option<string?>("--api-key") { Description = "API key for --record (ingest scope) and --baseline-run (read scope); default $VIGIL_API_KEY. Never printed." };
        var model = new Option<string?>("--model") { Description = "--record: the model evaluated." };
        var version = new Option<string?>("--model-version") { Description = "--record: the model version evaluated." };
        var goldenSet = new Option<string?>("--golden-set") { Description = "--record: the golden set's registered name (the run counts for promotion rules on that set)." };
        var registerSet = new Option<bool>("--register-golden-set") { Description = "--record: first register the --dataset file as a version of --golden-set." };
        var runTag = new Option<string[]>("--run-tag") { Description = "--record: KEY=VALUE recorded in the run's configuration, e.g. prompt_version=p7 (repeatable)." };
        var baselineRun = new Option<string?>("--baseline-run") { Description = "Baseline: a run recorded in the server (its id), instead of --baseline FILE." };
        var junit = new Option<string?>("--junit") { Description = "Also write JUnit XML (one test case per gate) to this file." };
        var markdown = new Option<string?>("--markdown") { Description = "Also write a Markdown summary (for CI comments) to this file." };

        var command = new Command("eval", "Evaluate predictions or a model endpoint on a golden set: metrics overall and per tag, LLM judge, quality gates.")
        {
            dataset, predictions, predictionsB, endpoint, endpointHeader, task, concurrency, timeout, retries, retryDelay,
            positiveLabel, bins, field, schema, noGrounding, rubric, judgeUrl, judgeModel, judgeScale, judgePass, priceIn, priceOut, kappa,
            gate, gatesFile, baseline, bootstrap, seed, format, output, junit, markdown,
            record, server, apiKey, model, version, goldenSet, registerSet, runTag, baselineRun,
        };

        command.SetAction(async (parse, cancellation) =>
        {
            var retry = new RetryOptions
            {
                Timeout = Seconds(parse.GetValue(timeout), "--timeout"),
                Retries = parse.GetValue(retries),
                BaseDelay = Seconds(parse.GetValue(retryDelay), "--retry-delay"),
            };
            var n = parse.GetValue(concurrency);
            EndpointOptions? endpointOptions = null;
            if (parse.GetValue(endpoint) is { } url)
            {
                endpointOptions = new EndpointOptions { Url = Url(url, "--endpoint"), Concurrency = n, Retry = retry, Headers = Headers(parse.GetValue(endpointHeader) ?? []) };
                endpointOptions.Validate();
            }

            var judge = Judge(parse.GetValue(rubric), parse.GetValue(judgeUrl), parse.GetValue(judgeModel), parse.GetValue(predictionsB) is not null);
            if (judge is not null)
            {
                var (min, max) = JudgeOptions.ParseScale(parse.GetValue(judgeScale)!);
                judge = judge with
                {
                    ScaleMin = min,
                    ScaleMax = max,
                    PassThreshold = parse.GetValue(judgePass),
                    PriceIn = parse.GetValue(priceIn),
                    PriceOut = parse.GetValue(priceOut),
                    Concurrency = n,
                    Retry = retry,
                };
                judge.Validate();
            }

            var gates = (parse.GetValue(gate) ?? []).Select(g => GateParser.Parse(g)).ToList();
            if (parse.GetValue(gatesFile) is { } file)
            {
                gates.AddRange(GateFileReader.Read(file));
            }

            if (parse.GetValue(bootstrap) is < 0 or > 1_000_000)
            {
                throw new UsageException("--bootstrap must be between 0 and 1,000,000.");
            }

            if (parse.GetValue(bins) < 1)
            {
                throw new UsageException("--calibration-bins must be at least 1.");
            }

            var serverUrl = Url(parse.GetValue(server) ?? Environment.GetEnvironmentVariable("VIGIL_URL") ?? "http://127.0.0.1:5080", "--server");
            var key = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("VIGIL_API_KEY");
            RecordOptions? recording = null;
            if (parse.GetValue(record))
            {
                recording = new RecordOptions
                {
                    Server = serverUrl,
                    ApiKey = key ?? throw new UsageException("--record needs an API key with the ingest scope: --api-key or $VIGIL_API_KEY."),
                    Model = parse.GetValue(model) ?? throw new UsageException("--record needs --model (the model evaluated)."),
                    Version = parse.GetValue(version) ?? throw new UsageException("--record needs --model-version (the model version evaluated)."),
                    GoldenSet = parse.GetValue(goldenSet),
                    RegisterGoldenSet = parse.GetValue(registerSet),
                    Config = RunConfig(parse.GetValue(task), gates.Count, parse.GetValue(gate) ?? [], parse.GetValue(predictions), endpointOptions?.Url, judge?.Model, parse.GetValue(positiveLabel), parse.GetValue(bootstrap), parse.GetValue(seed), parse.GetValue(runTag) ?? []),
                };
                if (recording.RegisterGoldenSet && recording.GoldenSet is null)
                {
                    throw new UsageException("--register-golden-set needs --golden-set NAME.");
                }
            }
            else if (parse.GetValue(model) is not null || parse.GetValue(version) is not null || parse.GetValue(registerSet))
            {
                throw new UsageException("--model, --model-version and --register-golden-set are for --record; add --record to record the run.");
            }

            var baselinePath = parse.GetValue(baseline);
            string? fetched = null;
            if (parse.GetValue(baselineRun) is { } runId)
            {
                if (baselinePath is not null)
                {
                    throw new UsageException("use --baseline FILE or --baseline-run ID, not both.");
                }

                fetched = await EvalRecorder.FetchBaselineAsync(serverUrl, key ?? throw new UsageException("--baseline-run needs an API key with the read scope: --api-key or $VIGIL_API_KEY."), runId, cancellation).ConfigureAwait(false);
                baselinePath = fetched;
            }

            var request = new EvalRequest
            {
                DatasetPath = parse.GetValue(dataset)!,
                PredictionsPath = parse.GetValue(predictions),
                PredictionsBPath = parse.GetValue(predictionsB),
                Endpoint = endpointOptions,
                Task = parse.GetValue(task) is { } t ? Enum.Parse<EvalTask>(t, ignoreCase: true) : null,
                Judge = judge,
                Scoring = new ScoringOptions
                {
                    PositiveLabel = parse.GetValue(positiveLabel),
                    CalibrationBins = parse.GetValue(bins),
                    Extraction = FieldOptionParser.Parse(parse.GetValue(field) ?? [], new()
                    {
                        Grounding = !parse.GetValue(noGrounding),
                        Schema = parse.GetValue(schema) is { } schemaPath ? JsonSchemaFile.Load(schemaPath) : null,
                    }),
                    KappaWeighting = parse.GetValue(kappa) switch
                    {
                        "linear" => KappaWeighting.Linear,
                        "quadratic" => KappaWeighting.Quadratic,
                        _ => KappaWeighting.None,
                    },
                },
                Gates = gates,
                BaselinePath = baselinePath,
                BootstrapResamples = parse.GetValue(bootstrap),
                Seed = parse.GetValue(seed),
            };
            EvalReport report;
            try
            {
                report = await EvalRunner.RunAsync(request, Console.Error, TimeProvider.System, cancellation).ConfigureAwait(false);
            }
            finally
            {
                if (fetched is not null)
                {
                    File.Delete(fetched);
                }
            }

            EvalOutput.Write(report, parse.GetValue(format)!, parse.GetValue(output), parse.GetValue(junit), parse.GetValue(markdown), Console.Error);
            if (recording is not null)
            {
                using var json = new MemoryStream();
                JsonEvalReport.Write(report, json);
                await EvalRecorder.RecordAsync(recording, request.DatasetPath, json.ToArray(), Console.Error, cancellation).ConfigureAwait(false);
            }

            return report.Passed ? ExitCodes.Success : ExitCodes.CheckFailed;
        });
        return command;
    }

    private static Dictionary<string, object?> RunConfig(string? task, int gateCount, string[] gates, string? predictions, Uri? endpoint, string? judgeModel, string? positiveLabel, int bootstrap, int seed, string[] tags)
    {
        var config = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["task"] = task,
            ["gates"] = gates,
            ["gate_count"] = gateCount,
            ["predictions"] = predictions is null ? null : Path.GetFileName(predictions),
            ["endpoint"] = endpoint?.GetLeftPart(UriPartial.Path),
            ["judge_model"] = judgeModel,
            ["positive_label"] = positiveLabel,
            ["bootstrap"] = bootstrap,
            ["seed"] = seed,
        };
        foreach (var tag in tags)
        {
            var eq = tag.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new UsageException($"--run-tag '{tag}': expected KEY=VALUE.");
            }

            config[tag[..eq].Trim()] = tag[(eq + 1)..].Trim();
        }

        return config;
    }

    private static JudgeOptions? Judge(string? rubric, string? url, string? model, bool pairwise)
    {
        if (rubric is null && url is null && model is null)
        {
            return null;
        }

        var missing = new[] { ("--rubric", rubric), ("--judge-url", url), ("--judge-model", model) }.Where(o => o.Item2 is null).Select(o => o.Item1).ToList();
        if (missing.Count > 0)
        {
            throw new UsageException($"the judge needs --rubric, --judge-url and --judge-model; missing {string.Join(", ", missing)}.");
        }

        return new JudgeOptions
        {
            BaseUrl = Url(url!, "--judge-url"),
            Model = model!,
            Rubric = JudgeRubric.Load(rubric!, pairwise),
            ApiKey = Environment.GetEnvironmentVariable(JudgeOptions.ApiKeyVariable),
        };
    }

    private static Uri Url(string text, string option) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : throw new UsageException($"{option} '{text}': not an absolute URL.");

    private static TimeSpan Seconds(double value, string option) =>
        double.IsFinite(value) && value >= 0 && value <= 86_400 ? TimeSpan.FromSeconds(value) : throw new UsageException($"{option} must be a number of seconds between 0 and 86400.");

    private static List<KeyValuePair<string, string>> Headers(string[] values) => values.Select(v =>
    {
        var colon = v.IndexOf(':', StringComparison.Ordinal);
        return colon > 0
            ? new KeyValuePair<string, string>(v[..colon].Trim(), v[(colon + 1)..].Trim())
            : throw new UsageException("--endpoint-header: expected 'Name: value' (the value is not shown).");
    }).ToList();
}
