namespace Vigil.Cli.Evaluation.Scoring;

/// <summary>The metric family of an evaluation (<c>--task</c>).</summary>
internal enum EvalTask
{
    /// <summary>Labels: accuracy, precision, recall, F1, ROC/PR AUC, log loss, Brier, ECE, confusion matrix.</summary>
    Classification,

    /// <summary>Numbers: MAE, RMSE, MAPE, R2.</summary>
    Regression,

    /// <summary>Records of fields: field exact match, token F1, document accuracy, null and false-positive rates, schema, grounding.</summary>
    Extraction,

    /// <summary>Free text against a reference: BLEU, chrF, ROUGE-1/2/L.</summary>
    Text,

    /// <summary>An LLM judge scores each prediction with a rubric (or compares two predictions).</summary>
    Judge,
}
