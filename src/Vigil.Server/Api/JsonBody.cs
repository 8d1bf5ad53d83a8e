using System.Text.Json;

namespace Vigil.Server.Api;

/// <summary>Reads a small JSON request body into a record, with a message naming the field at fault.</summary>
internal static class JsonBody
{
    public const long Limit = 1 << 20;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The body as <typeparamref name="T"/>, or an error result (400 or 413).</summary>
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, string shape, CancellationToken ct)
        where T : class
    {
        var body = await BodyReader.ReadAsync(request, Limit, ct).ConfigureAwait(false);
        if (body is null)
        {
            return (null, Problems.TooLarge(Limit));
        }

        if (body.Value.IsEmpty)
        {
            return (null, Problems.BadRequest($"the body is empty; send a JSON object: {shape}."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(body.Value.Span, Options);
            return value is null ? (null, Problems.BadRequest($"the body must be a JSON object: {shape}.")) : (value, null);
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? string.Empty : $" at {ex.Path}";
            return (null, Problems.BadRequest($"the body is not the expected JSON{where}: {ex.Message.Split(" Path:")[0]} Expected: {shape}."));
        }
    }
}
