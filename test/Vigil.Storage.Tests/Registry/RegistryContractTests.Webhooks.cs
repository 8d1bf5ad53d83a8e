using Vigil.Storage.Registry;

namespace Vigil.Storage.Tests.Registry;

/// <summary>Webhooks: subscriptions, fan-out of events, claims with leases, attempts.</summary>
public abstract partial class RegistryContractTests
{
    private static readonly WebhookRecord AllHook = new("h-all", "https://a.example.test/hook", "secret-a", null, [], T0, "alice");
    private static readonly WebhookRecord ChurnHook = new("h-churn", "https://b.example.test/hook", "secret-b", Model, [], T0.AddSeconds(1), "alice");
    private static readonly WebhookRecord StageHook = new("h-stage", "https://c.example.test/hook", "secret-c", null, ["stage_changed", "rollback"], T0.AddSeconds(2), "bob");

    [StoreFact]
    public async Task Webhooks_InsertListDelete()
    {
        foreach (var h in new[] { StageHook, AllHook, ChurnHook })
        {
            await Store.InsertWebhookAsync(h, Ct);
        }

        var listed = await (await OpenAsync()).ListWebhooksAsync(Ct);
        Assert.Equal(["h-all", "h-churn", "h-stage"], listed.Select(h => h.Id));
        Assert.Equal(StageHook with { Events = null! }, listed[2] with { Events = null! });
        Assert.Equal(["stage_changed", "rollback"], listed[2].Events);
        Assert.Empty(listed[0].Events);
        Assert.Null(listed[0].Model);

        Assert.True(await Store.DeleteWebhookAsync("h-churn", Ct));
        Assert.False(await Store.DeleteWebhookAsync("h-churn", Ct));
        Assert.False(await Store.DeleteWebhookAsync("missing", Ct));
        Assert.Equal(["h-all", "h-stage"], (await Store.ListWebhooksAsync(Ct)).Select(h => h.Id));
    }

    [StoreFact]
    public async Task ChangeAsync_Events_OneDeliveryPerMatchingWebhook_PendingAndDueNow()
    {
        await InsertHooksAsync();
        Clock.Now = T0.AddMinutes(10);
        await SeedAsync(Model, 1);
        await WriteAsync(new RegistryChange
        {
            Audit = [Audit(Model, "stage_changed", T0)],
            Events = [new RegistryEvent("version_created", Model, """{"v":1}"""), new RegistryEvent("stage_changed", Model, """{"v":2}""")],
        });
        await SeedAsync("fraud", 1);
        await WriteAsync(new RegistryChange { Audit = [Audit("fraud", "rollback", T0)], Events = [new RegistryEvent("rollback", "fraud", """{"v":3}""")] }, "fraud");

        var reader = await OpenAsync();
        var all = await reader.ListDeliveriesAsync(null, 100, Ct);
        Assert.Equal(
            [("h-all", "version_created"), ("h-churn", "version_created"), ("h-all", "stage_changed"), ("h-churn", "stage_changed"), ("h-stage", "stage_changed"), ("h-all", "rollback"), ("h-stage", "rollback")],
            all.Reverse().Select(d => (d.WebhookId, d.EventType)));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Id > p.Second.Id), "newest first");

        var stage = Assert.Single(await reader.ListDeliveriesAsync("h-churn", 100, Ct), d => d.EventType == "stage_changed");
        Assert.Equal(
            new WebhookDelivery(stage.Id, "h-churn", ChurnHook.Url, ChurnHook.Secret, "stage_changed", """{"v":2}""", 0, "pending", T0.AddMinutes(10), null, null, T0.AddMinutes(10), null),
            stage);
        Assert.Equal(["rollback", "stage_changed"], (await reader.ListDeliveriesAsync("h-stage", 100, Ct)).Select(d => d.EventType));
        Assert.Equal(["rollback"], (await reader.ListDeliveriesAsync("h-stage", 1, Ct)).Select(d => d.EventType));
        Assert.Empty(await reader.ListDeliveriesAsync("missing", 100, Ct));
    }

    [StoreFact]
    public async Task ClaimDeliveriesAsync_LeasesUntilExpiry_OldestDueFirst_UpToMax()
    {
        await InsertHooksAsync();
        await SeedAsync(Model, 1);
        await WriteAsync(new RegistryChange { Audit = [Audit(Model, "a", T0)], Events = [new RegistryEvent("version_created", Model, "{}")] });

        // Not due before now.
        Assert.Empty(await Store.ClaimDeliveriesAsync(T0.AddMilliseconds(-1), T0.AddMinutes(1), 10, Ct));

        var first = await Store.ClaimDeliveriesAsync(T0, T0.AddMinutes(1), 1, Ct);
        var delivery = Assert.Single(first);
        Assert.Equal("h-all", delivery.WebhookId);
        Assert.Equal(T0.AddMinutes(1), delivery.NextAttemptAt);
        var second = Assert.Single(await (await OpenAsync()).ClaimDeliveriesAsync(T0, T0.AddMinutes(1), 10, Ct));
        Assert.Equal("h-churn", second.WebhookId);

        // Leased: nothing more until the lease runs out, then both come back.
        Assert.Empty(await Store.ClaimDeliveriesAsync(T0.AddSeconds(59), T0.AddMinutes(2), 10, Ct));
        var again = await Store.ClaimDeliveriesAsync(T0.AddMinutes(1), T0.AddMinutes(3), 10, Ct);
        Assert.Equal([delivery.Id, second.Id], again.Select(d => d.Id));
        Assert.All(again, d => Assert.Equal(T0.AddMinutes(3), d.NextAttemptAt));
        Assert.Equal(AllHook.Secret, again[0].Secret);
    }

    [StoreFact]
    public async Task ClaimDeliveriesAsync_TwoInstancesAtOnce_NeverTakeTheSameDelivery()
    {
        await Store.InsertWebhookAsync(AllHook, Ct);
        await SeedAsync(Model, 1);
        const int Events = 60;
        await WriteAsync(new RegistryChange
        {
            Audit = [Audit(Model, "a", T0)],
            Events = [.. Enumerable.Range(0, Events).Select(i => new RegistryEvent("version_created", Model, $$"""{"i":{{i}}}"""))],
        });

        var claimers = new[] { await OpenAsync(), await OpenAsync(), await OpenAsync() };
        using var gate = new ManualResetEventSlim();
        var tasks = claimers.Select(s => Task.Run(async () =>
        {
            gate.Wait(Ct);
            var mine = new List<long>();
            while (true)
            {
                var got = await s.ClaimDeliveriesAsync(T0, T0.AddMinutes(5), 3, Ct);
                if (got.Count == 0)
                {
                    return mine;
                }

                mine.AddRange(got.Select(d => d.Id));
            }
        })).ToList();
        gate.Set();
        var claimed = (await Task.WhenAll(tasks)).SelectMany(ids => ids).ToList();

        Assert.Equal(Events, claimed.Count);
        Assert.Equal(Events, claimed.Distinct().Count());
    }

    [StoreFact]
    public async Task RecordAttemptAsync_UpdatesTheDelivery_AndListsAttemptsOldestFirst()
    {
        await Store.InsertWebhookAsync(AllHook, Ct);
        await SeedAsync(Model, 1);
        await WriteAsync(new RegistryChange { Audit = [Audit(Model, "a", T0)], Events = [new RegistryEvent("version_created", Model, "{}")] });
        var d = Assert.Single(await Store.ClaimDeliveriesAsync(T0, T0.AddMinutes(1), 10, Ct));

        var failed = new WebhookAttempt(d.Id, T0.AddSeconds(1), 503, "HTTP 503", 12.5, "pending", T0.AddMinutes(5));
        await Store.RecordAttemptAsync(failed, Ct);
        var afterFailure = Assert.Single(await Store.ListDeliveriesAsync(null, 10, Ct));
        Assert.Equal(d with { Attempts = 1, NextAttemptAt = T0.AddMinutes(5), LastStatusCode = 503, LastError = "HTTP 503" }, afterFailure);
        Assert.Empty(await Store.ClaimDeliveriesAsync(T0.AddMinutes(4), T0.AddMinutes(6), 10, Ct));
        Assert.Single(await Store.ClaimDeliveriesAsync(T0.AddMinutes(5), T0.AddMinutes(6), 10, Ct));

        var timeout = new WebhookAttempt(d.Id, T0.AddMinutes(5), null, "timeout", 10_000, "pending", T0.AddMinutes(30));
        var ok = new WebhookAttempt(d.Id, T0.AddMinutes(30).AddMilliseconds(5), 200, null, 3.25, "delivered", T0.AddDays(9));
        await Store.RecordAttemptAsync(timeout, Ct);
        await (await OpenAsync()).RecordAttemptAsync(ok, Ct);

        var delivered = Assert.Single(await Store.ListDeliveriesAsync("h-all", 10, Ct));
        Assert.Equal(d with { Attempts = 3, Status = "delivered", NextAttemptAt = T0.AddMinutes(30), LastStatusCode = 200, LastError = null, DeliveredAt = ok.At }, delivered);
        Assert.Equal([failed, timeout, ok], await Store.ListAttemptsAsync(d.Id, Ct));
        Assert.Empty(await Store.ListAttemptsAsync(d.Id + 1000, Ct));
        Assert.Empty(await Store.ClaimDeliveriesAsync(T0.AddDays(30), T0.AddDays(31), 10, Ct));

        await Assert.ThrowsAsync<ArgumentException>(() => Store.RecordAttemptAsync(ok with { Status = "done" }, Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.RecordAttemptAsync(ok with { DeliveryId = d.Id + 1000 }, Ct));
    }

    [StoreFact]
    public async Task DeleteWebhookAsync_RemovesItsPendingDeliveries_KeepsDeliveredOnes_AndOthers()
    {
        await InsertHooksAsync();
        await SeedAsync(Model, 1);
        await WriteAsync(new RegistryChange { Audit = [Audit(Model, "a", T0)], Events = [new RegistryEvent("stage_changed", Model, "{}")] });
        var churn = Assert.Single(await Store.ListDeliveriesAsync("h-churn", 10, Ct));
        await Store.RecordAttemptAsync(new WebhookAttempt(churn.Id, T0, 200, null, 1, "delivered", T0), Ct);
        await WriteAsync(new RegistryChange { Audit = [Audit(Model, "b", T0)], Events = [new RegistryEvent("stage_changed", Model, "{}")] });
        var pending = Assert.Single(await Store.ListDeliveriesAsync("h-churn", 10, Ct), d => d.Status == "pending");
        await Store.RecordAttemptAsync(new WebhookAttempt(pending.Id, T0, 500, "HTTP 500", 1, "pending", T0), Ct);

        Assert.True(await Store.DeleteWebhookAsync("h-churn", Ct));

        var left = Assert.Single(await Store.ListDeliveriesAsync("h-churn", 10, Ct));
        Assert.Equal(churn.Id, left.Id);
        Assert.Equal("delivered", left.Status);
        Assert.Empty(await Store.ListAttemptsAsync(pending.Id, Ct));
        Assert.Equal(4, (await Store.ListDeliveriesAsync(null, 100, Ct)).Count(d => d.WebhookId != "h-churn"));
        Assert.DoesNotContain(await Store.ClaimDeliveriesAsync(T0, T0.AddMinutes(1), 100, Ct), d => d.WebhookId == "h-churn");
    }

    private async Task InsertHooksAsync()
    {
        foreach (var h in new[] { AllHook, ChurnHook, StageHook })
        {
            await Store.InsertWebhookAsync(h, Ct);
        }
    }
}
