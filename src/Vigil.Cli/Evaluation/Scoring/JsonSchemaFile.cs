using System.Text.Json;
using NJsonSchema;
using Vigil.Cli.Data;
using Vigil.Statistics.Evaluation.Extraction;

namespace Vigil.Cli.Evaluation.Scoring;

/// <summary>
/// A JSON schema file (<c>--schema</c>) checked with NJsonSchema (drafts 4 to 2020-12 as NJsonSchema supports them):
/// a predicted record is compliant when validation reports no error.
/// </summary>
internal sealed class JsonSchemaFile : IExtractionSchema
{
    private readonly JsonSchema _schema;

    private JsonSchemaFile(JsonSchema schema)
    {
        _schema = schema;
    }

    public static JsonSchemaFile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"--schema {path}: not found.");
        }

        try
        {
            return new JsonSchemaFile(JsonSchema.FromJsonAsync(File.ReadAllText(path)).GetAwaiter().GetResult());
        }
        catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            throw new InputException($"--schema {path}: not a usable JSON schema ({ex.Message}).", ex);
        }
    }

    /// <inheritdoc/>
    public bool IsValid(JsonElement document) => _schema.Validate(document.GetRawText()).Count == 0;
}
