using System.Runtime.CompilerServices;
using System.Text.Json;
using Vigil.Storage.Registry;

namespace Vigil.Storage.Tests.Registry;

/// <summary>The audit log: numbering and chaining across models, verification, tampering and queries.</summary>
public abstract partial class RegistryContractTests
{
    [StoreFact]
    public async Task ChangeAsync_AuditAcrossTwoModels_NumberedWithoutGapsAndChained()
    {
        var other = await OpenAsync();
        var a1 = Audit(Model, "version_created", T0, "v1", reason: null);
        var b1 = Audit("fraud", "version_created", T0.AddSeconds(1), "v1") with { BeforeJson = null, AfterJson = null };
        var a2 = Audit(Model, "stage_changed", T0.AddSeconds(2), "v1");
        var a3 = Audit(Model, "alias_moved", T0.AddSeconds(2).AddMilliseconds(1)) with { Version = null };
        var b2 = Audit("fraud", "approved", T0.AddSeconds(3), "v1");
        await WriteAsync(new RegistryChange { Model = NewModel(Model, T0), Audit = [a1] });
        await WriteAsync(new RegistryChange { Model = NewModel("fraud", T0), Audit = [b1] }, "fraud", other);
        await WriteAsync(new RegistryChange { Audit = [a2, a3] });
        await WriteAsync(new RegistryChange { Audit = [b2] }, "fraud", other);

        var entries = await Store.GetAuditAsync(new AuditQuery(), Ct);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], entries.Select(e => e.Seq));
        Assert.Equal([a1, b1, a2, a3, b2], entries.Select(e => e.Draft));
        Assert.Equal(new string('0', 64), entries[0].PrevHash);
        for (var i = 0; i < entries.Count; i++)
        {
            Assert.Matches("^[0-9a-f]{64}$", entries[i].Hash);
            if (i > 0)
            {
                Assert.Equal(entries[i - 1].Hash, entries[i].PrevHash);
            }
        }

        Assert.Equal(5, entries.Select(e => e.Hash).Distinct().Count());
        var count = new StrongBox<long>();
        Assert.Null(await AuditChain.VerifyAsync((await OpenAsync()).ReadAuditAsync(Ct), count));
        Assert.Equal(5, count.Value);
    }

    [StoreFact]
    public async Task ChangeAsync_StoredHashes_MatchPythonHashlibReference()
    {
        // TestData/registry_audit_hash.json, written by TestData/scripts/registry_audit_hash.py (hashlib.sha256).
        using var reference = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "registry_audit_hash.json"), Ct));
        var expected = reference.RootElement.GetProperty("entries").EnumerateArray().ToList();
        var drafts = expected.Select(e => new AuditDraft(
            DateTimeOffset.FromUnixTimeMilliseconds(e.GetProperty("atUnixMs").GetInt64()), e.GetProperty("actor").GetString()!, e.GetProperty("model").GetString()!,
            e.GetProperty("version").GetString(), e.GetProperty("action").GetString()!, e.GetProperty("reason").GetString(),
            e.GetProperty("before").GetString(), e.GetProperty("after").GetString())).ToList();
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 12, 0, 0, 123, TimeSpan.Zero), drafts[0].At);
        await WriteAsync(new RegistryChange { Model = NewModel(Model, T0), Audit = [drafts[0]] });
        await WriteAsync(new RegistryChange { Audit = [drafts[1]] }, store: await OpenAsync());

        var stored = await Store.GetAuditAsync(new AuditQuery(), Ct);
        Assert.Equal(drafts, stored.Select(e => e.Draft));
        Assert.Equal(expected.Select(e => (e.GetProperty("seq").GetInt64(), e.GetProperty("prevHash").GetString(), e.GetProperty("hash").GetString())), stored.Select(e => (e.Seq, (string?)e.PrevHash, (string?)e.Hash)));
    }

    [StoreFact]
    public async Task ReadAuditAsync_MoreThanOnePage_ReadsEveryEntryInOrder()
    {
        const int Entries = 2_345;
        var drafts = Enumerable.Range(0, Entries).Select(i => Audit(Model, "tag_set", T0.AddMilliseconds(i))).ToList();
        await WriteAsync(new RegistryChange { Model = NewModel(Model, T0), Audit = drafts });

        var seqs = new List<long>();
        await foreach (var e in Store.ReadAuditAsync(Ct))
        {
            seqs.Add(e.Seq);
        }

        Assert.Equal(Enumerable.Range(1, Entries).Select(i => (long)i), seqs);
        var count = new StrongBox<long>();
        Assert.Null(await AuditChain.VerifyAsync(Store.ReadAuditAsync(Ct), count));
        Assert.Equal(Entries, count.Value);
    }

    [StoreFact]
    public async Task VerifyAsync_ReasonEditedByRawSql_FailsAtThatEntry()
    {
        await WriteThreeEntriesAsync();
        await RawAsync("UPDATE registry_audit SET reason = 'nothing to see' WHERE seq = 2");

        var broken = await AuditChain.VerifyAsync(Store.ReadAuditAsync(Ct), new StrongBox<long>());
        Assert.NotNull(broken);
        Assert.Equal(2, broken.Seq);
        Assert.Contains("altered", broken.Reason, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task VerifyAsync_MiddleEntryDeletedByRawSql_FailsAtTheGap()
    {
        await WriteThreeEntriesAsync();
        await RawAsync("DELETE FROM registry_audit WHERE seq = 2");

        var broken = await AuditChain.VerifyAsync(Store.ReadAuditAsync(Ct), new StrongBox<long>());
        Assert.NotNull(broken);
        Assert.Equal(2, broken.Seq);
        Assert.Contains("missing", broken.Reason, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task VerifyAsync_EntryRenumberedAndRehashedWithoutItsSuccessor_Fails()
    {
        // An attacker who deletes entry 2 and renumbers 3 as 2 still breaks the chain: 3's previous hash was 2's.
        await WriteThreeEntriesAsync();
        await RawAsync("DELETE FROM registry_audit WHERE seq = 2");
        await RawAsync("UPDATE registry_audit SET seq = 2 WHERE seq = 3");

        var broken = await AuditChain.VerifyAsync(Store.ReadAuditAsync(Ct), new StrongBox<long>());
        Assert.NotNull(broken);
        Assert.Equal(2, broken.Seq);
    }

    [StoreFact]
    public async Task GetAuditAsync_FiltersByModelTimeAfterSeqAndLimit()
    {
        await WriteAsync(new RegistryChange { Model = NewModel(Model, T0), Audit = [Audit(Model, "a", T0), Audit(Model, "b", T0.AddMinutes(1))] });
        await WriteAsync(new RegistryChange { Model = NewModel("fraud", T0), Audit = [Audit("fraud", "c", T0.AddMinutes(1))] }, "fraud");
        await WriteAsync(new RegistryChange { Audit = [Audit(Model, "d", T0.AddMinutes(2)), Audit(Model, "e", T0.AddMinutes(3))] });

        async Task<string> Actions(AuditQuery q) => string.Concat((await Store.GetAuditAsync(q, Ct)).Select(e => e.Draft.Action));

        Assert.Equal("abcde", await Actions(new AuditQuery()));
        Assert.Equal("abde", await Actions(new AuditQuery(Model)));
        Assert.Equal("c", await Actions(new AuditQuery("fraud")));
        Assert.Equal(string.Empty, await Actions(new AuditQuery("missing")));
        Assert.Equal("bcd", await Actions(new AuditQuery(From: T0.AddMinutes(1), To: T0.AddMinutes(3))));
        Assert.Equal("bd", await Actions(new AuditQuery(Model, From: T0.AddMinutes(1), To: T0.AddMinutes(3))));
        Assert.Equal("b", await Actions(new AuditQuery(Model, From: T0.AddMinutes(1), To: T0.AddMinutes(2))));
        Assert.Equal("de", await Actions(new AuditQuery(AfterSeq: 3)));
        Assert.Equal("de", await Actions(new AuditQuery(Model, AfterSeq: 2)));
        Assert.Equal("ab", await Actions(new AuditQuery(Limit: 2)));
        Assert.Equal("d", await Actions(new AuditQuery(Model, AfterSeq: 2, Limit: 1)));
        Assert.Equal(string.Empty, await Actions(new AuditQuery(Limit: 0)));
        Assert.Equal([4L, 5L], (await Store.GetAuditAsync(new AuditQuery(Model, AfterSeq: 2), Ct)).Select(e => e.Seq));
    }

    private async Task WriteThreeEntriesAsync()
    {
        await WriteAsync(new RegistryChange { Model = NewModel(Model, T0), Audit = [Audit(Model, "version_created", T0, "v1")] });
        await WriteAsync(new RegistryChange { Audit = [Audit(Model, "stage_changed", T0.AddSeconds(1), "v1", "release")] });
        await WriteAsync(new RegistryChange { Audit = [Audit(Model, "alias_moved", T0.AddSeconds(2), "v1")] });
        Assert.Null(await AuditChain.VerifyAsync(Store.ReadAuditAsync(Ct), new StrongBox<long>()));
    }
}
