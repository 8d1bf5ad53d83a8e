namespace Vigil.Server.Api;

/// <summary>RFC 7807 problem results with the message that names the parameter or field at fault.</summary>
internal static class Problems
{
    public static IResult BadRequest(string detail) => TypedResults.Problem(detail, statusCode: 400, title: "Bad request");

    public static IResult NotFound(string detail) => TypedResults.Problem(detail, statusCode: 404, title: "Not found");

    public static IResult Conflict(string detail) => TypedResults.Problem(detail, statusCode: 409, title: "Conflict");

    public static IResult TooLarge(long limit) => TypedResults.Problem($"the body is larger than {limit} bytes; send smaller batches.", statusCode: 413, title: "Payload too large");

    public static IResult Unavailable(string detail, int retryAfterSeconds)
    {
        return new RetryAfterResult(TypedResults.Problem(detail, statusCode: 503, title: "Service unavailable"), retryAfterSeconds);
    }

    private sealed class RetryAfterResult(IResult inner, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
