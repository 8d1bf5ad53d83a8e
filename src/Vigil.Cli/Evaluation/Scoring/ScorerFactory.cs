namespace Vigil.Cli.Evaluation.Scoring;

/// <summary>Creates the scorer of a task.</summary>
internal static class ScorerFactory
{
    public static TaskScorer Create(EvalTask task, IReadOnlyList<EvalItem> items, ScoringOptions options) => task switch
    {
        EvalTask.Classification => new ClassificationScorer(items, options),
        EvalTask.Regression => new RegressionScorer(items),
        EvalTask.Extraction => new ExtractionScorer(items, options.Extraction),
        EvalTask.Text => new TextScorer(items),
        _ => new JudgeScorer(items, options),
    };
}
