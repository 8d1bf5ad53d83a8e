using System.Text.Json;

namespace Vigil.Server.Queries;

/// <summary>
/// A drift answer written from points already serialized: byte for byte what serializing the
/// <see cref="DriftResponse"/> with <paramref name="options"/> writes (the envelope is written here, each point's JSON
/// copied as it is), flushed to the client as it goes rather than built whole first.
/// </summary>
/// <remarks>The server writes compact JSON (not indented), so a point serialized alone is the same bytes as inside the response.</remarks>
/// <param name="header">The response's fields other than <see cref="DriftResponse.Series"/> (which is ignored).</param>
/// <param name="series">The series, points as JSON.</param>
/// <param name="options">The server's JSON options: property names, encoder, indentation.</param>
internal sealed class DriftJsonResult(DriftResponse header, IReadOnlyList<DriftSeriesJson> series, JsonSerializerOptions options) : IResult
{
    private const int FlushBytes = 64 * 1024;

    /// <summary>The content type <c>TypedResults.Ok</c> gives a JSON body.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        var body = response.BodyWriter;
        var ct = httpContext.RequestAborted;
        using var w = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = true });
        w.WriteStartObject();
        w.WriteString(Name(nameof(DriftResponse.Model)), header.Model);
        w.WriteString(Name(nameof(DriftResponse.From)), header.From);
        w.WriteString(Name(nameof(DriftResponse.To)), header.To);
        w.WriteString(Name(nameof(DriftResponse.Step)), header.Step);
        w.WriteString(Name(nameof(DriftResponse.Segment)), header.Segment);
        w.WriteStartArray(Name(nameof(DriftResponse.Series)));
        foreach (var s in series)
        {
            w.WriteStartObject();
            w.WriteString(Name(nameof(DriftSeries.Version)), s.Version);
            w.WriteString(Name(nameof(DriftSeries.Variant)), s.Variant);
            w.WriteString(Name(nameof(DriftSeries.ReferenceVersion)), s.ReferenceVersion);
            w.WriteStartArray(Name(nameof(DriftSeries.Points)));
            foreach (var point in s.Points)
            {
                w.WriteRawValue(point, skipInputValidation: true);
                if (w.BytesPending >= FlushBytes)
                {
                    w.Flush();
                    await body.FlushAsync(ct);
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        await body.FlushAsync(ct);
    }

    private string Name(string property) => options.PropertyNamingPolicy?.ConvertName(property) ?? property;
}
