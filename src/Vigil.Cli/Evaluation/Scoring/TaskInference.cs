using System.Text.Json;

namespace Vigil.Cli.Evaluation.Scoring;

/// <summary>
/// Infers <c>--task</c> when it is not given, from the expected values (docs/eval.md, "Task inference"):
/// judge options given: judge; every expected value an object: extraction; booleans: classification; numbers:
/// regression when any is not an integer, classification when at most two distinct integers or when predictions
/// carry score/probabilities; arrays of strings: text (several references); strings: classification when predictions
/// carry score/probabilities or at most half the items have distinct expected values, text otherwise. Anything else
/// (mixed kinds, many distinct integers) is ambiguous and needs <c>--task</c>.
/// </summary>
internal static class TaskInference
{
    public static (EvalTask Task, string Reason) Infer(IReadOnlyList<EvalItem> items, bool judgeOptionsGiven)
    {
        if (judgeOptionsGiven)
        {
            return (EvalTask.Judge, "judge options given");
        }

        var expected = items.Where(i => i.Golden.Expected is { ValueKind: not JsonValueKind.Null }).Select(i => i.Golden.Expected!.Value).ToList();
        if (expected.Count == 0)
        {
            throw new UsageException("cannot infer the task: no item has an 'expected' value; give --task (judge needs --rubric, --judge-url and --judge-model).");
        }

        var kinds = expected.Select(Kind).Distinct().ToList();
        if (kinds.Count != 1)
        {
            throw new UsageException($"cannot infer the task: the expected values mix {string.Join(", ", kinds)}; give --task.");
        }

        var probabilistic = items.Any(i => i.Prediction is { } p && (p.Score is not null || p.Probabilities is not null));
        switch (kinds[0])
        {
            case "objects":
                return (EvalTask.Extraction, "every expected value is an object");
            case "booleans":
                return (EvalTask.Classification, "every expected value is a boolean");
            case "arrays of strings":
                return (EvalTask.Text, "every expected value is a list of reference strings");
            case "numbers":
                if (expected.Any(e => e.GetDouble() != Math.Floor(e.GetDouble())))
                {
                    return (EvalTask.Regression, "expected values are numbers, not all integers");
                }

                if (probabilistic)
                {
                    return (EvalTask.Classification, "integer labels with score/probabilities");
                }

                if (expected.Select(e => e.GetDouble()).Distinct().Count() <= 2)
                {
                    return (EvalTask.Classification, "at most two distinct integer labels");
                }

                throw new UsageException("cannot infer the task: the expected values are integers (class labels or counts?); give --task classification or --task regression.");
            case "strings":
                if (probabilistic)
                {
                    return (EvalTask.Classification, "string labels with score/probabilities");
                }

                var distinct = expected.Select(e => e.GetString()).Distinct(StringComparer.Ordinal).Count();
                return distinct * 2 <= expected.Count
                    ? (EvalTask.Classification, $"{distinct} distinct expected strings over {expected.Count} items (at most half)")
                    : (EvalTask.Text, $"{distinct} distinct expected strings over {expected.Count} items (more than half)");
            default:
                throw new UsageException($"cannot infer the task from expected values that are {kinds[0]}; give --task.");
        }
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "objects",
        JsonValueKind.True or JsonValueKind.False => "booleans",
        JsonValueKind.Number => "numbers",
        JsonValueKind.String => "strings",
        JsonValueKind.Array when value.GetArrayLength() > 0 && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) => "arrays of strings",
        _ => "other values",
    };
}
