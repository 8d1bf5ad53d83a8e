using System.Text.Json;

namespace Vigil.Cli.Evaluation.Scoring;

/// <summary>What each task needs of the expected values and the predictions.</summary>
internal static class TaskInputCheck
{
    /// <summary>Why <paramref name="expected"/> does not suit the task, or null when it does.</summary>
    public static string? Expected(EvalTask task, JsonElement? expected)
    {
        if (task == EvalTask.Judge)
        {
            return null;
        }

        if (expected is not { ValueKind: not JsonValueKind.Null } e)
        {
            return $"missing (--task {Name(task)} needs an expected value).";
        }

        return task switch
        {
            EvalTask.Classification when !Labels.TryOf(e, out _) => $"a class label must be a string, number or boolean, got {JsonlReader.Describe(e)}.",
            EvalTask.Regression when e.ValueKind != JsonValueKind.Number => $"must be a number for --task regression, got {JsonlReader.Describe(e)}.",
            EvalTask.Text when !IsReference(e) => $"must be a reference string or a non-empty array of strings for --task text, got {JsonlReader.Describe(e)}.",
            EvalTask.Extraction when e.ValueKind != JsonValueKind.Object => $"must be a JSON object of fields for --task extraction, got {JsonlReader.Describe(e)}.",
            _ => null,
        };
    }

    /// <summary>Why a prediction does not suit the task, or null when it does.</summary>
    public static string? Prediction(EvalTask task, JsonElement prediction) => task switch
    {
        EvalTask.Classification when !Labels.TryOf(prediction, out _) => $"a class label must be a string, number or boolean, got {JsonlReader.Describe(prediction)}.",
        EvalTask.Regression when prediction.ValueKind != JsonValueKind.Number => $"must be a number for --task regression, got {JsonlReader.Describe(prediction)}.",
        EvalTask.Text when prediction.ValueKind != JsonValueKind.String => $"must be a string for --task text, got {JsonlReader.Describe(prediction)}.",
        _ => null,
    };

    /// <summary>The task's option name.</summary>
    public static string Name(EvalTask task) => task.ToString().ToLowerInvariant();

    private static bool IsReference(JsonElement e) => e.ValueKind == JsonValueKind.String
        || (e.ValueKind == JsonValueKind.Array && e.GetArrayLength() > 0 && e.EnumerateArray().All(r => r.ValueKind == JsonValueKind.String));
}
