using System.Text.Json;
using Vigil.Cli.Evaluation.Gates;
using Vigil.Cli.Evaluation.Judge;
using Vigil.Cli.Evaluation.Scoring;

namespace Vigil.Cli.Evaluation.Reports;

/// <summary>
/// Writes the evaluation as JSON: first the fields of issue 5's shape (<c>task, count, metrics, by_tag, fields,
/// gates[{metric, rule, value, baseline, passed}], passed</c>), then extra fields: dataset and hash, counts, the
/// confusion matrix, latency, judge usage, bootstrap settings and the per-item results that a later run reads as
/// its <c>--baseline</c>. Non-finite numbers are written as null.
/// </summary>
internal static class JsonEvalReport
{
    public static void Write(EvalReport report, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("task", TaskInputCheck.Name(report.Task));
        json.WriteNumber("count", report.Count);
        WriteMetrics(json, "metrics", report.Metrics);
        WriteTable(json, "by_tag", report.ByTag);
        WriteTable(json, "fields", report.Fields);
        json.WriteStartArray("gates");
        foreach (var gate in report.Gates)
        {
            WriteGate(json, gate);
        }

        json.WriteEndArray();
        json.WriteBoolean("passed", report.Passed);

        json.WriteString("dataset", report.DatasetPath);
        json.WriteString("dataset_hash", report.DatasetHash);
        json.WriteString("source", report.Source);
        json.WriteString("task_inference", report.TaskReason);
        json.WriteNumber("scored", report.Scored);
        json.WriteNumber("missing", report.Missing);
        json.WriteNumber("failed", report.Failed);
        WriteStrings(json, "extra_ids", report.ExtraIds);
        if (report.PositiveLabel is not null)
        {
            json.WriteString("positive_label", report.PositiveLabel);
        }

        if (report.Confusion is { } confusion)
        {
            WriteConfusion(json, confusion);
        }

        if (report.Latency is { } latency)
        {
            WriteLatency(json, "latency_ms", latency);
        }

        if (report.Judge is { } judge)
        {
            WriteJudgeUsage(json, judge);
        }

        if (report.BaselinePath is not null)
        {
            json.WriteString("baseline", report.BaselinePath);
        }

        json.WriteStartObject("bootstrap");
        json.WriteNumber("resamples", report.Bootstrap.Resamples);
        json.WriteNumber("seed", report.Bootstrap.Seed);
        json.WriteNumber("confidence", PairedBootstrap.Confidence);
        json.WriteEndObject();
        WriteStrings(json, "warnings", report.Warnings);
        EvalItemJson.WriteItems(json, report.Items, report.Passes);
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    /// <summary>A number, or null when it is not finite.</summary>
    public static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteMetrics(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, double> metrics)
    {
        json.WriteStartObject(name);
        foreach (var (metric, value) in metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            WriteNumber(json, metric, value);
        }

        json.WriteEndObject();
    }

    private static void WriteTable(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> table)
    {
        json.WriteStartObject(name);
        foreach (var (key, metrics) in table.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            WriteMetrics(json, key, metrics);
        }

        json.WriteEndObject();
    }

    private static void WriteGate(Utf8JsonWriter json, GateResult gate)
    {
        json.WriteStartObject();
        json.WriteString("metric", gate.Gate.Metric);
        json.WriteString("rule", gate.Gate.Rule);
        WriteNumber(json, "value", gate.Value);
        WriteNumber(json, "baseline", gate.Baseline);
        json.WriteBoolean("passed", gate.Passed);
        if (gate.Delta is not null)
        {
            WriteNumber(json, "delta", gate.Delta);
            WriteNumber(json, "allowed_delta", gate.AllowedDelta);
            if (gate.Interval is { } ci)
            {
                WriteNumber(json, "ci_low", ci.Low);
                WriteNumber(json, "ci_high", ci.High);
                json.WriteNumber("ci_resamples", ci.Resamples);
            }
        }

        json.WriteString("note", gate.Note);
        json.WriteEndObject();
    }

    private static void WriteConfusion(Utf8JsonWriter json, ConfusionTable confusion)
    {
        json.WriteStartObject("confusion");
        WriteStrings(json, "labels", confusion.Labels);
        json.WriteStartArray("matrix");
        for (var r = 0; r < confusion.Labels.Count; r++)
        {
            json.WriteStartArray();
            for (var c = 0; c < confusion.Labels.Count; c++)
            {
                json.WriteNumberValue(confusion.Matrix[r, c]);
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteLatency(Utf8JsonWriter json, string name, LatencySummary latency)
    {
        json.WriteStartObject(name);
        json.WriteNumber("count", latency.Count);
        json.WriteNumber("p50", latency.P50);
        json.WriteNumber("p95", latency.P95);
        json.WriteNumber("max", latency.Max);
        json.WriteEndObject();
    }

    private static void WriteJudgeUsage(Utf8JsonWriter json, JudgeUsage judge)
    {
        json.WriteStartObject("judge");
        json.WriteString("model", judge.Model);
        json.WriteNumber("calls", judge.Calls);
        json.WriteNumber("failed_calls", judge.FailedCalls);
        json.WriteNumber("parse_failures", judge.ParseFailures);
        json.WriteNumber("prompt_tokens", judge.PromptTokens);
        json.WriteNumber("completion_tokens", judge.CompletionTokens);
        WriteNumber(json, "cost", judge.Cost);
        if (judge.Latency is { } latency)
        {
            WriteLatency(json, "latency_ms", latency);
        }

        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
