using System.Text.Json;

namespace Vigil.Statistics.Evaluation.Extraction;

/// <summary>
/// A JSON schema that predicted documents are checked against for <c>schema_compliance</c>. Vigil.Statistics carries no
/// schema validator; the host supplies one (the CLI wraps NJsonSchema around the schema text).
/// </summary>
public interface IExtractionSchema
{
    /// <summary>True when <paramref name="document"/> is valid against the schema.</summary>
    /// <param name="document">A predicted document (any JSON value).</param>
    bool IsValid(JsonElement document);
}
