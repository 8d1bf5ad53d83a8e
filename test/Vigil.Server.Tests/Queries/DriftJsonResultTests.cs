using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vigil.Server.Queries;

namespace Vigil.Server.Tests.Queries;

/// <summary>The drift answer written from cached point JSON is byte for byte what <c>TypedResults.Ok</c> writes for the same response.</summary>
public sealed class DriftJsonResultTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ExecuteAsync_SameBytesAndContentTypeAsTypedResultsOk()
    {
        await using var server = await TestServer.StartAsync();
        var options = server.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var responses = new[]
        {
            new DriftResponse("m", T0, T0.AddHours(3), "PT1H", null, [
                new DriftSeries("v1", "primary", "v1", [Point(0, 0.25, 0.5), Point(1, double.NaN, null), Point(2, 1e-300, 0.049999999999999996)]),
                new DriftSeries("v2", "shadow <&>", "baseline", []),
                new DriftSeries("v3", "café", "v1", [Point(1, 3.0, 1.0)])]),
            new DriftResponse("m\"odel", T0, T0.AddDays(30), "all", "région:é/\u2028", []),
        };

        foreach (var response in responses)
        {
            var expected = await RunAsync(server, TypedResults.Ok(response));
            var series = response.Series.Select(s => new DriftSeriesJson(s.Version, s.Variant, s.ReferenceVersion, [.. s.Points.Select(p => JsonSerializer.SerializeToUtf8Bytes(p, options))])).ToList();
            var actual = await RunAsync(server, new DriftJsonResult(response with { Series = [] }, series, options));

            Assert.Equal(expected.ContentType, actual.ContentType);
            Assert.Equal(expected.StatusCode, actual.StatusCode);
            Assert.Equal(System.Text.Encoding.UTF8.GetString(expected.Body), System.Text.Encoding.UTF8.GetString(actual.Body));
            Assert.Equal(expected.Body, actual.Body);
        }
    }

    private static DriftPoint Point(int hour, double statistic, double? pValue) =>
        new(T0.AddHours(hour), T0.AddHours(hour + 1), 150 + hour, hour % 2 == 0, 0.5, 1, [
            new FeatureDrift("income", "ks", statistic, pValue, 0.05, pValue < 0.05, false, [Math.Max(0, statistic - 0.1), statistic + 0.1], pValue is { } p ? [p / 2, p] : null),
            new FeatureDrift("région \"x\"", "jensenshannon", 0.125, null, 0.1, true, true, null, null)],
            hour == 1 ? null : new FeatureDrift("prediction", "z", 1.5, 0.1336, 0.05, false, true, null, null));

    private static async Task<(byte[] Body, string? ContentType, int StatusCode)> RunAsync(TestServer server, IResult result)
    {
        using var body = new MemoryStream();
        var context = new DefaultHttpContext { RequestServices = server.Services };
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        await context.Response.BodyWriter.CompleteAsync();
        return (body.ToArray(), context.Response.ContentType, context.Response.StatusCode);
    }
}
