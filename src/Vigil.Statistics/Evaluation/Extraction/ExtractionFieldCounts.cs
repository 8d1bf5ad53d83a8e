namespace Vigil.Statistics.Evaluation.Extraction;

/// <summary>
/// Additive counts of one field over one or more documents (a field is a dotted leaf path of the expected or predicted
/// JSON). A value is empty when it is missing, null, a blank string, an empty array or an empty object.
/// </summary>
/// <param name="Scored">Field occurrences where the expected or the predicted value is non-empty.</param>
/// <param name="ExactMatches">Scored occurrences whose normalized values are equal.</param>
/// <param name="TokenF1Sum">Sum over scored occurrences of the token F1 (1 when equal, else SQuAD token F1 of the normalized values).</param>
/// <param name="Expected">Occurrences with a non-empty expected value.</param>
/// <param name="Missing">Expected occurrences whose predicted value is empty (null rate numerator).</param>
/// <param name="Covered">Expected occurrences whose field the prediction contains at all, even as null (coverage numerator).</param>
/// <param name="ExpectedEmpty">Occurrences (in either document) whose expected value is empty.</param>
/// <param name="FalsePositives">Expected-empty occurrences with a non-empty predicted value.</param>
/// <param name="GroundingChecked">Predicted non-empty values (array elements count one by one; booleans are not checked) looked up in the source.</param>
/// <param name="GroundingFound">Checked values found in the source after normalization.</param>
public readonly record struct ExtractionFieldCounts(
    int Scored,
    int ExactMatches,
    double TokenF1Sum,
    int Expected,
    int Missing,
    int Covered,
    int ExpectedEmpty,
    int FalsePositives,
    int GroundingChecked,
    int GroundingFound)
{
    /// <summary>Field-by-field sum.</summary>
    /// <param name="other">Counts to add.</param>
    public ExtractionFieldCounts Add(ExtractionFieldCounts other) => new(
        Scored + other.Scored,
        ExactMatches + other.ExactMatches,
        TokenF1Sum + other.TokenF1Sum,
        Expected + other.Expected,
        Missing + other.Missing,
        Covered + other.Covered,
        ExpectedEmpty + other.ExpectedEmpty,
        FalsePositives + other.FalsePositives,
        GroundingChecked + other.GroundingChecked,
        GroundingFound + other.GroundingFound);
}
