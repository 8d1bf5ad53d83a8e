namespace Vigil.Statistics.Evaluation.Extraction;

/// <summary>Normalization of one extraction field's values before they are compared, scored and grounded.</summary>
public sealed record FieldNormalization
{
    /// <summary>How string values are interpreted. Default <see cref="FieldValueKind.Text"/>.</summary>
    public FieldValueKind Kind { get; init; } = FieldValueKind.Text;

    /// <summary>Compare text case-insensitively (invariant lowercase). Default true.</summary>
    public bool IgnoreCase { get; init; } = true;

    /// <summary>Trim text and collapse every run of whitespace to one space. Default true.</summary>
    public bool CollapseWhitespace { get; init; } = true;

    /// <summary>For <see cref="FieldValueKind.Date"/>: "05/03/2024" is 5 March (true) or May 3 (false). Default false.</summary>
    public bool DayFirst { get; init; }

    /// <summary>For <see cref="FieldValueKind.Number"/>: the decimal separator, '.' or ','. Default '.'.</summary>
    public char DecimalSeparator { get; init; } = '.';

    /// <summary>Throws when a setting is out of range.</summary>
    /// <param name="field">The field these settings belong to, for the message.</param>
    /// <exception cref="ArgumentException">The decimal separator is neither '.' nor ',', or the kind is undefined.</exception>
    public void Validate(string field)
    {
        if (DecimalSeparator is not ('.' or ','))
        {
            throw new ArgumentException($"Field '{field}': the decimal separator must be '.' or ',', not '{DecimalSeparator}'.");
        }

        if (!Enum.IsDefined(Kind))
        {
            throw new ArgumentException($"Field '{field}': unknown value kind {(int)Kind}.");
        }
    }
}
