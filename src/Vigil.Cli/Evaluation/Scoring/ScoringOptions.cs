using Vigil.Statistics.Evaluation;
using Vigil.Statistics.Evaluation.Extraction;

namespace Vigil.Cli.Evaluation.Scoring;

/// <summary>Settings of the task scorers (from <c>vigil eval</c>'s options).</summary>
internal sealed record ScoringOptions
{
    /// <summary>Classification: the positive label of a binary task (<c>--positive-label</c>); null: the default rule.</summary>
    public string? PositiveLabel { get; init; }

    /// <summary>Classification: equal-width bins of the expected calibration error (<c>--calibration-bins</c>). Default 10.</summary>
    public int CalibrationBins { get; init; } = 10;

    /// <summary>Extraction: normalization, schema and grounding.</summary>
    public ExtractionOptions Extraction { get; init; } = new();

    /// <summary>Judge: an item passes when its score is at least this.</summary>
    public double JudgePass { get; init; } = 3;

    /// <summary>Judge: weighting of Cohen's kappa against human labels (<c>--kappa-weights</c>). Default unweighted.</summary>
    public KappaWeighting KappaWeighting { get; init; } = KappaWeighting.None;

    /// <summary>Judge: the run compares two predictions.</summary>
    public bool Pairwise { get; init; }
}
