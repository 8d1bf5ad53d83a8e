using System.Text.Json;

namespace Vigil.Statistics.Tests;

/// <summary>Reads reference values produced by the committed scripts in <c>TestData/scripts</c>.</summary>
internal static class TestData
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Full path of a file under the test output's <c>TestData</c> folder.</summary>
    public static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "TestData", fileName);

    /// <summary>Deserializes a JSON file under <c>TestData</c>.</summary>
    public static T Load<T>(string fileName)
    {
        using var stream = File.OpenRead(PathOf(fileName));
        return JsonSerializer.Deserialize<T>(stream, Options)
            ?? throw new InvalidDataException($"{fileName} is empty.");
    }

    /// <summary>Asserts <paramref name="actual"/> is within a relative or absolute tolerance of <paramref name="expected"/>.</summary>
    public static void AssertClose(double expected, double actual, double relative, double absolute = 0, string? what = null)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"{what}: expected NaN, got {actual:R}");
            return;
        }

        if (double.IsInfinity(expected))
        {
            Assert.True(expected == actual, $"{what}: expected {expected}, got {actual:R}");
            return;
        }

        var diff = Math.Abs(expected - actual);
        var allowed = Math.Max(absolute, relative * Math.Abs(expected));
        Assert.True(diff <= allowed, $"{what}: expected {expected:R}, got {actual:R} (|diff| {diff:G3} > {allowed:G3})");
    }
}
