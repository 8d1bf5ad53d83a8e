using System.Text.Json;

namespace Vigil.Cli.Tests.Evaluation;

/// <summary>Helpers for a fake OpenAI-compatible chat-completions server.</summary>
internal static class FakeJudge
{
    /// <summary>A chat.completion response carrying <paramref name="content"/> and the given usage.</summary>
    public static FakeResponse Completion(string content, int promptTokens = 100, int completionTokens = 10) => FakeResponse.Json(JsonSerializer.Serialize(new
    {
        id = "chatcmpl-test",
        @object = "chat.completion",
        model = "judge-test",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
    }));

    /// <summary>The request's messages (role, content) and its model and temperature.</summary>
    public static (string Model, double Temperature, string System, string User) Read(FakeRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        var root = document.RootElement;
        var messages = root.GetProperty("messages");
        return (root.GetProperty("model").GetString()!, root.GetProperty("temperature").GetDouble(), messages[0].GetProperty("content").GetString()!, messages[1].GetProperty("content").GetString()!);
    }
}
