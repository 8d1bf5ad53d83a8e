using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Core.Models;

/// <summary>The JSON form of a <see cref="ModelSchema"/> (snake_case names, enums as lowercase strings), used by the API and the stores.</summary>
public static class ModelSchemaJson
{
    /// <summary>Options: snake_case properties, lowercase enum names, nulls omitted.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Serializes <paramref name="schema"/>.</summary>
    public static string Serialize(ModelSchema schema) => JsonSerializer.Serialize(schema, Options);

    /// <summary>Reads a schema; throws <see cref="JsonException"/> with the path of the bad field.</summary>
    public static ModelSchema Deserialize(string json) =>
        JsonSerializer.Deserialize<ModelSchema>(json, Options) ?? throw new JsonException("the schema is null.");
}
