using System.Text.Json;
using Vigil.Cli.Evaluation;
using Vigil.Cli.Evaluation.Scoring;

namespace Vigil.Cli.Tests.Evaluation;

/// <summary>A test scorer: metric <c>mean</c> = mean of the numeric predictions; an item passes when its prediction is at least 0.5.</summary>
internal sealed class MeanScorer(IReadOnlyList<EvalItem> items) : TaskScorer(items)
{
    public override EvalTask Task => EvalTask.Regression;

    public override bool HasPassRate => true;

    public static List<EvalItem> Make(IEnumerable<double?> values, string prefix = "i") => values.Select((v, i) =>
    {
        var golden = new GoldenItem($"{prefix}{i}", default, null, [], i + 1);
        return v is { } x
            ? new EvalItem(golden, new EvalPrediction(JsonSerializer.SerializeToElement(x), null, null), ItemStatus.Ok)
            : new EvalItem(golden, null, ItemStatus.Missing);
    }).ToList();

    public override bool? Passes(int index) => Items[index].HasPrediction && Items[index].Prediction!.Value.GetDouble() >= 0.5;

    protected override Dictionary<string, double> ComputeScored(ReadOnlySpan<int> scored)
    {
        var sum = 0.0;
        foreach (var i in scored)
        {
            sum += Items[i].Prediction!.Value.GetDouble();
        }

        return new Dictionary<string, double> { ["mean"] = sum / scored.Length };
    }
}
