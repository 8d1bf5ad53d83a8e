using System.Text.Json;
using Vigil.Cli.Evaluation.Judge;

namespace Vigil.Cli.Evaluation.Reports;

/// <summary>
/// The per-item results of the JSON report (<c>items</c>), written by one run and read back as another run's
/// baseline: <c>{id, tags, status, expected, prediction, score, probabilities, prediction_b, human_label, pass,
/// error, latency_ms, attempts, judge}</c> (absent fields are left out).
/// </summary>
internal static class EvalItemJson
{
    public static void WriteItems(Utf8JsonWriter json, IReadOnlyList<EvalItem> items, IReadOnlyList<bool?> passes)
    {
        json.WriteStartArray("items");
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            json.WriteStartObject();
            json.WriteString("id", item.Golden.Id);
            json.WriteStartArray("tags");
            foreach (var tag in item.Golden.Tags)
            {
                json.WriteStringValue(tag);
            }

            json.WriteEndArray();
            json.WriteString("status", item.Status.ToString().ToLowerInvariant());
            if (item.Golden.Expected is { } expected)
            {
                json.WritePropertyName("expected");
                expected.WriteTo(json);
            }

            if (item.Prediction is { } p)
            {
                json.WritePropertyName("prediction");
                p.Value.WriteTo(json);
                if (p.Score is { } score)
                {
                    json.WriteNumber("score", score);
                }

                if (p.Probabilities is { } probabilities)
                {
                    json.WriteStartObject("probabilities");
                    foreach (var (label, probability) in probabilities)
                    {
                        json.WriteNumber(label, probability);
                    }

                    json.WriteEndObject();
                }
            }

            if (item.PredictionB is { } b)
            {
                json.WritePropertyName("prediction_b");
                b.Value.WriteTo(json);
            }

            if (item.Golden.HumanLabel is { } human)
            {
                json.WriteString("human_label", human);
            }

            if (i < passes.Count && passes[i] is { } pass)
            {
                json.WriteBoolean("pass", pass);
            }

            if (item.Error is not null)
            {
                json.WriteString("error", item.Error);
            }

            if (item.LatencyMs is { } latency)
            {
                json.WriteNumber("latency_ms", Math.Round(latency, 3));
                json.WriteNumber("attempts", item.Attempts);
            }

            if (item.Judge is { } verdict)
            {
                WriteVerdict(json, verdict);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>Reads one item back; <paramref name="input"/> is the current golden set's input for the id (or a JSON null).</summary>
    public static EvalItem Read(JsonElement element, JsonElement input, Func<string, Exception> error)
    {
        var id = element.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString()! : throw error("an item has no string 'id'");
        var tags = element.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Array
            ? t.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : [];
        JsonElement? expected = element.TryGetProperty("expected", out var e) ? e.Clone() : null;
        var golden = new GoldenItem(id, input, expected, tags, 0)
        {
            HumanLabel = element.TryGetProperty("human_label", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() : null,
        };
        var status = element.TryGetProperty("status", out var s) && Enum.TryParse<ItemStatus>(s.GetString(), ignoreCase: true, out var st)
            ? st
            : throw error($"item '{id}' has no valid 'status'");
        EvalPrediction? prediction = null;
        if (status == ItemStatus.Ok)
        {
            prediction = EvalPrediction.TryRead(element.Clone(), out var field, out var why) ?? throw error($"item '{id}', field '{field}': {why}");
        }

        EvalPrediction? predictionB = element.TryGetProperty("prediction_b", out var pb) ? new EvalPrediction(pb.Clone(), null, null) : null;
        return new EvalItem(golden, prediction, status)
        {
            PredictionB = predictionB,
            Judge = element.TryGetProperty("judge", out var j) && j.ValueKind == JsonValueKind.Object ? ReadVerdict(j) : null,
        };
    }

    private static void WriteVerdict(Utf8JsonWriter json, JudgeVerdict verdict)
    {
        json.WriteStartObject("judge");
        JsonEvalReport.WriteNumber(json, "score", verdict.Score);
        if (verdict.Winners is { } winners)
        {
            json.WriteStartArray("winners");
            foreach (var w in winners)
            {
                json.WriteStringValue(w);
            }

            json.WriteEndArray();
        }

        if (verdict.Reason is not null)
        {
            json.WriteString("reason", verdict.Reason);
        }

        if (verdict.Error is not null)
        {
            json.WriteString("error", verdict.Error);
            json.WriteBoolean("parse_failure", verdict.ParseFailure);
        }

        if (verdict.RawAnswer is not null)
        {
            json.WriteString("raw_answer", verdict.RawAnswer);
        }

        json.WriteNumber("prompt_tokens", verdict.PromptTokens);
        json.WriteNumber("completion_tokens", verdict.CompletionTokens);
        json.WriteNumber("latency_ms", Math.Round(verdict.LatencyMs, 3));
        json.WriteEndObject();
    }

    private static JudgeVerdict ReadVerdict(JsonElement j) => new()
    {
        Score = j.TryGetProperty("score", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : null,
        Winners = j.TryGetProperty("winners", out var w) && w.ValueKind == JsonValueKind.Array ? w.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToList() : null,
        Reason = j.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null,
        Error = j.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null,
        ParseFailure = j.TryGetProperty("parse_failure", out var p) && p.ValueKind == JsonValueKind.True,
    };
}
