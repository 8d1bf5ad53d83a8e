namespace Vigil.Statistics.Evaluation.Extraction;

/// <summary>Settings of <see cref="ExtractionMetrics.Score"/>: per-field normalization, schema and grounding.</summary>
public sealed record ExtractionOptions
{
    /// <summary>Normalization of fields that <see cref="Fields"/> does not name. Default: text, case and whitespace ignored.</summary>
    public FieldNormalization DefaultNormalization { get; init; } = new();

    /// <summary>Normalization per field, keyed by dotted path (<c>address.city</c>; an array field by the array's path).</summary>
    public IReadOnlyDictionary<string, FieldNormalization> Fields { get; init; } = new Dictionary<string, FieldNormalization>();

    /// <summary>When set, each predicted document is validated (<c>schema_compliance</c>); when null that metric is omitted.</summary>
    public IExtractionSchema? Schema { get; init; }

    /// <summary>Look predicted values up in the source text (<c>grounding</c>) when a source is given. Default true.</summary>
    public bool Grounding { get; init; } = true;

    /// <summary>The normalization that applies to <paramref name="path"/>.</summary>
    /// <param name="path">A dotted field path.</param>
    public FieldNormalization For(string path) =>
        Fields.TryGetValue(path, out var normalization) ? normalization : DefaultNormalization;

    /// <summary>Throws when a setting is out of range or missing.</summary>
    /// <exception cref="ArgumentException">A field name is empty, a normalization is null or invalid.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(DefaultNormalization, nameof(DefaultNormalization));
        ArgumentNullException.ThrowIfNull(Fields, nameof(Fields));
        DefaultNormalization.Validate("(default)");
        foreach (var (field, normalization) in Fields)
        {
            if (string.IsNullOrEmpty(field))
            {
                throw new ArgumentException("A per-field normalization has an empty field name.", nameof(Fields));
            }

            if (normalization is null)
            {
                throw new ArgumentException($"Field '{field}': the normalization is null.", nameof(Fields));
            }

            normalization.Validate(field);
        }
    }
}
