using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Registry;
using static Vigil.Server.Tests.Registry.RegistryClient;

namespace Vigil.Server.Tests.Registry;

public sealed class RegistryWebhookTests
{
    [Fact]
    public async Task Webhooks_AreSigned_RetriedWithBackoff_Logged_AndNeverBlockATransition()
    {
        // A receiver that is down for its first three requests, then recovers.
        var received = new ConcurrentQueue<(string Event, string Signature, byte[] Body, DateTimeOffset At)>();
        var calls = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var receiver = builder.Build();
        receiver.MapPost("/hook", async (HttpContext http) =>
        {
            using var ms = new MemoryStream();
            await http.Request.Body.CopyToAsync(ms);
            if (Interlocked.Increment(ref calls) <= 3)
            {
                return Results.StatusCode(503);
            }

            received.Enqueue((http.Request.Headers["X-Vigil-Event"].ToString(), http.Request.Headers["X-Vigil-Signature"].ToString(), ms.ToArray(), DateTimeOffset.UtcNow));
            return Results.Ok();
        });
        await receiver.StartAsync();
        var hookUrl = receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";

        await using var server = await TestServer.StartAsync(o =>
        {
            o.WebhookPollInterval = TimeSpan.FromMilliseconds(50);
            o.WebhookRetryDelay = TimeSpan.FromMilliseconds(100);
        });
        await Expect(await Post(server.Client("registry"), "api/v1/registry/webhooks", $$"""{"url": "{{hookUrl}}"}"""), HttpStatusCode.Forbidden);
        await Expect(await Post(server.Client("admin"), "api/v1/registry/webhooks", """{"url": "ftp://x"}"""), HttpStatusCode.BadRequest);
        await Expect(await Post(server.Client("admin"), "api/v1/registry/webhooks", $$"""{"url": "{{hookUrl}}", "events": ["stage_chnged"]}"""), HttpStatusCode.BadRequest);
        var hook = await Expect(await Post(server.Client("admin"), "api/v1/registry/webhooks", $$"""{"url": "{{hookUrl}}", "model": "churn", "events": ["stage_changed", "rollback"]}"""), HttpStatusCode.Created);
        var secret = hook.GetProperty("secret").GetString()!;
        var id = hook.GetProperty("id").GetString()!;
        var listed = await Expect(await server.Client("admin").GetAsync("api/v1/registry/webhooks"), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, listed[0].GetProperty("secret").ValueKind); // shown once only

        await CreateVersionAsync(server, "churn", "v1"); // version_created: not subscribed
        await CreateVersionAsync(server, "other", "v1");
        var watch = Stopwatch.StartNew();
        await Expect(await Stage(server, "churn", "v1", "staging"), HttpStatusCode.OK); // receiver is failing: must not block
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
        await Expect(await Stage(server, "other", "v1", "staging"), HttpStatusCode.OK); // other model: not subscribed

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (received.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var delivery = Assert.Single(received);
        Assert.Equal("stage_changed", delivery.Event);
        Assert.True(WebhookSignature.Verify(secret, delivery.Signature, delivery.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)), delivery.Signature);
        Assert.False(WebhookSignature.Verify("whsec_wrong_secret_123", delivery.Signature, delivery.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        var payload = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.Equal("churn", payload.GetProperty("model").GetString());
        Assert.Equal("staging", payload.GetProperty("to").GetString());
        Assert.Equal("test-registry", payload.GetProperty("actor").GetString());

        var log = await Expect(await server.Client("admin").GetAsync($"api/v1/registry/webhooks/{id}/deliveries"), HttpStatusCode.OK);
        var entry = Assert.Single(log.EnumerateArray());
        Assert.Equal("delivered", entry.GetProperty("status").GetString());
        Assert.Equal(4, entry.GetProperty("attempts").GetInt32());
        var attempts = await Expect(await server.Client("admin").GetAsync($"api/v1/registry/deliveries/{entry.GetProperty("id").GetInt64()}/attempts"), HttpStatusCode.OK);
        Assert.Equal([503, 503, 503, 200], attempts.EnumerateArray().Select(a => a.GetProperty("status_code").GetInt32()));
        var times = attempts.EnumerateArray().Select(a => a.GetProperty("at").GetDateTimeOffset()).ToArray();
        for (var i = 1; i < times.Length; i++)
        {
            // Exponential backoff: at least 100 ms x 2^(i-1) between attempts.
            Assert.True(times[i] - times[i - 1] >= TimeSpan.FromMilliseconds(100 * Math.Pow(2, i - 1)) - TimeSpan.FromMilliseconds(5), $"attempt {i}: {times[i] - times[i - 1]}");
        }
    }

    [Fact]
    public async Task AuditChain_DetectsAnEditedEntry_AndAMissingOne()
    {
        await using var server = await TestServer.StartAsync();
        await CreateVersionAsync(server, "churn", "v1");
        await CreateVersionAsync(server, "churn", "v2");
        await Expect(await Stage(server, "churn", "v1", "staging"), HttpStatusCode.OK);
        await Expect(await Stage(server, "churn", "v2", "staging"), HttpStatusCode.OK);
        Assert.True((await Expect(await server.Client("admin").GetAsync("api/v1/registry/audit/verify"), HttpStatusCode.OK)).GetProperty("intact").GetBoolean());
        await Expect(await server.Client("read").GetAsync("api/v1/registry/audit/verify"), HttpStatusCode.Forbidden);

        var db = Path.Combine(server.Directory, "vigil.db");
        await ExecuteAsync(db, "UPDATE registry_audit SET reason = 'nothing to see' WHERE seq = 4");
        var edited = await Expect(await server.Client("admin").GetAsync("api/v1/registry/audit/verify"), HttpStatusCode.OK);
        Assert.False(edited.GetProperty("intact").GetBoolean());
        Assert.Equal(4, edited.GetProperty("broken_at").GetInt64());
        Assert.Contains("altered", edited.GetProperty("reason").GetString());

        await ExecuteAsync(db, "UPDATE registry_audit SET reason = 'test' WHERE seq = 4");
        Assert.True((await Expect(await server.Client("admin").GetAsync("api/v1/registry/audit/verify"), HttpStatusCode.OK)).GetProperty("intact").GetBoolean());
        await ExecuteAsync(db, "DELETE FROM registry_audit WHERE seq = 3");
        var missing = await Expect(await server.Client("admin").GetAsync("api/v1/registry/audit/verify"), HttpStatusCode.OK);
        Assert.False(missing.GetProperty("intact").GetBoolean());
        Assert.Equal(3, missing.GetProperty("broken_at").GetInt64());
    }

    private static async Task ExecuteAsync(string db, string sql)
    {
        await using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
    }
}
