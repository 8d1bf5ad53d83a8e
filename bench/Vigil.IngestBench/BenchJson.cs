using System.Text.Json;

namespace Vigil.IngestBench;

/// <summary>JSON options of the reports (snake_case, one line).</summary>
internal static class BenchJson
{
    public static JsonSerializerOptions Options { get; } = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
