using System.Text.Json;

namespace Vigil.Statistics.Evaluation.Extraction;

/// <summary>Field-level metrics of structured extraction: each document is a JSON object of fields.</summary>
/// <remarks>
/// <para>
/// Fields are the dotted leaf paths of the expected and the predicted objects (<c>address.city</c>); an array is one field
/// whose value is the set of its normalized elements. A value is empty when missing, null, blank, an empty array or an empty
/// object; an empty leaf whose path has sub-fields on the other side is dropped (null <c>address</c> against an object).
/// Values are normalized per field (<see cref="ExtractionOptions.Fields"/>): case, whitespace, dates to ISO 8601, numbers
/// and amounts to decimals.
/// </para>
/// <para>Over all documents, with counts summed over fields and documents (micro-averages):</para>
/// <list type="bullet">
/// <item><c>field_exact_match</c> = equal fields / scored fields, where a field is scored when its expected or predicted value is non-empty.</item>
/// <item><c>token_f1</c> = mean over scored fields of 1 when equal, else the SQuAD v1.1 token F1 of the normalized values (array items joined by spaces in ordinal order).</item>
/// <item><c>document_accuracy</c> = documents whose scored fields are all equal / documents (a document with nothing to score counts as right).</item>
/// <item><c>null_rate</c> = fields with an expected value whose predicted value is empty / fields with an expected value.</item>
/// <item><c>false_positive_rate</c> = fields with an empty expected value (present in either document) and a non-empty prediction / fields with an empty expected value.</item>
/// <item><c>schema_compliance</c> = predictions valid against <see cref="ExtractionOptions.Schema"/> / documents (a missing prediction is not valid); omitted without a schema.</item>
/// <item><c>field_coverage</c> = fields with an expected value that the prediction contains at all, even as null / fields with an expected value.</item>
/// <item><c>grounding</c> = predicted non-empty values found in the source after normalization / predicted values checked (array elements one by one, booleans skipped); omitted without sources.</item>
/// </list>
/// <para>A metric whose denominator is zero is omitted. See docs/methods/extraction-and-text-metrics.md.</para>
/// </remarks>
public static class ExtractionMetrics
{
    /// <summary>Scores one document.</summary>
    /// <param name="expected">The expected document, a JSON object.</param>
    /// <param name="predicted">The predicted document; null when the model gave no output or it did not parse.</param>
    /// <param name="source">The source text the values were extracted from, for grounding; null to skip grounding.</param>
    /// <param name="options">Normalization, schema and grounding settings.</param>
    /// <exception cref="ArgumentException"><paramref name="expected"/> is not a JSON object, or the options are invalid.</exception>
    public static ExtractionDocument Score(JsonElement expected, JsonElement? predicted, string? source, ExtractionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (expected.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"The expected document must be a JSON object, not {expected.ValueKind}.", nameof(expected));
        }

        var expectedLeaves = JsonFlattener.Flatten(expected);
        var predictedLeaves = predicted is { } p ? JsonFlattener.Flatten(p) : [];
        bool? schemaValid = options.Schema is null ? null : predicted is { } document && options.Schema.IsValid(document);
        var sourceIndex = source is not null && options.Grounding ? new SourceIndex(source) : null;

        var paths = new SortedSet<string>(expectedLeaves.Keys, StringComparer.Ordinal);
        paths.UnionWith(predictedLeaves.Keys);
        var containers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            for (var dot = path.IndexOf('.', StringComparison.Ordinal); dot > 0; dot = path.IndexOf('.', dot + 1))
            {
                containers.Add(path[..dot]);
            }
        }

        var fields = new SortedDictionary<string, ExtractionFieldCounts>(StringComparer.Ordinal);
        var totals = default(ExtractionFieldCounts);
        var allCorrect = true;
        foreach (var path in paths)
        {
            var normalization = options.For(path);
            var hasExpected = expectedLeaves.TryGetValue(path, out var expectedValue);
            var hasPredicted = predictedLeaves.TryGetValue(path, out var predictedValue);
            var expectedItems = hasExpected ? ValueNormalizer.Normalize(expectedValue, normalization) : [];
            var predictedItems = hasPredicted ? ValueNormalizer.Normalize(predictedValue, normalization) : [];
            if (expectedItems.Length == 0 && predictedItems.Length == 0 && containers.Contains(path))
            {
                continue;
            }

            var counts = Count(expectedItems, predictedItems, hasPredicted, normalization, sourceIndex);
            allCorrect &= counts.Scored == counts.ExactMatches;
            fields[path] = counts;
            totals = totals.Add(counts);
        }

        return new ExtractionDocument(fields, totals, allCorrect, schemaValid, predicted is null);
    }

    /// <summary>Metrics and the per-field table over scored documents.</summary>
    /// <param name="documents">Documents made by <see cref="Score"/>.</param>
    public static ExtractionResult Aggregate(IReadOnlyList<ExtractionDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var totals = default(ExtractionFieldCounts);
        var perField = new SortedDictionary<string, ExtractionFieldCounts>(StringComparer.Ordinal);
        int correct = 0, schemaChecked = 0, schemaValid = 0;
        for (var i = 0; i < documents.Count; i++)
        {
            var document = documents[i];
            ArgumentNullException.ThrowIfNull(document, nameof(documents));
            totals = totals.Add(document.Totals);
            correct += document.AllFieldsCorrect ? 1 : 0;
            if (document.SchemaValid is { } valid)
            {
                schemaChecked++;
                schemaValid += valid ? 1 : 0;
            }

            foreach (var (field, counts) in document.Fields)
            {
                perField[field] = perField.TryGetValue(field, out var sum) ? sum.Add(counts) : counts;
            }
        }

        var metrics = FieldMetrics(totals);
        metrics.Remove("support");
        AddRatio(metrics, "document_accuracy", correct, documents.Count);
        AddRatio(metrics, "schema_compliance", schemaValid, schemaChecked);

        var fields = new SortedDictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        foreach (var (field, counts) in perField)
        {
            fields[field] = FieldMetrics(counts);
        }

        return new ExtractionResult(metrics, fields, documents.Count);
    }

    private static ExtractionFieldCounts Count(
        NormalizedItem[] expected, NormalizedItem[] predicted, bool predictedPresent, FieldNormalization normalization, SourceIndex? source)
    {
        var expectedEmpty = expected.Length == 0;
        var predictedEmpty = predicted.Length == 0;
        int scored = 0, exact = 0;
        var f1 = 0.0;
        if (!expectedEmpty || !predictedEmpty)
        {
            scored = 1;
            var equal = SameTexts(expected, predicted);
            exact = equal ? 1 : 0;
            f1 = equal ? 1.0 : Squad.TokenF1(Join(predicted), Join(expected));
        }

        int groundingChecked = 0, groundingFound = 0;
        if (source is not null)
        {
            foreach (var item in predicted)
            {
                if (item.Kind != NormalizedItem.ItemKind.Boolean)
                {
                    groundingChecked++;
                    groundingFound += source.Contains(item, normalization) ? 1 : 0;
                }
            }
        }

        return new ExtractionFieldCounts(
            Scored: scored,
            ExactMatches: exact,
            TokenF1Sum: f1,
            Expected: expectedEmpty ? 0 : 1,
            Missing: !expectedEmpty && predictedEmpty ? 1 : 0,
            Covered: !expectedEmpty && predictedPresent ? 1 : 0,
            ExpectedEmpty: expectedEmpty ? 1 : 0,
            FalsePositives: expectedEmpty && !predictedEmpty ? 1 : 0,
            GroundingChecked: groundingChecked,
            GroundingFound: groundingFound);
    }

    // Kinds do not matter: the JSON number 10 and the string "10" of a text field are the same value.
    private static bool SameTexts(NormalizedItem[] a, NormalizedItem[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (!string.Equals(a[i].Text, b[i].Text, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static string Join(NormalizedItem[] items)
    {
        var texts = new string[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            texts[i] = items[i].Text;
        }

        return string.Join(' ', texts);
    }

    private static Dictionary<string, double> FieldMetrics(ExtractionFieldCounts c)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        AddRatio(metrics, "field_exact_match", c.ExactMatches, c.Scored);
        AddRatio(metrics, "token_f1", c.TokenF1Sum, c.Scored);
        AddRatio(metrics, "null_rate", c.Missing, c.Expected);
        AddRatio(metrics, "false_positive_rate", c.FalsePositives, c.ExpectedEmpty);
        AddRatio(metrics, "field_coverage", c.Covered, c.Expected);
        AddRatio(metrics, "grounding", c.GroundingFound, c.GroundingChecked);
        metrics["support"] = c.Expected;
        return metrics;
    }

    private static void AddRatio(Dictionary<string, double> metrics, string name, double numerator, double denominator)
    {
        if (denominator > 0)
        {
            metrics[name] = numerator / denominator;
        }
    }
}
