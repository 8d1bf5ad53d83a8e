using Npgsql;
using Vigil.Storage.Registry;

namespace Vigil.Storage.Postgres;

/// <summary>Reading a model's state and writing a change, inside the caller's transaction.</summary>
public sealed partial class PostgresRegistryStore
{
    private const string ModelColumns = "name, description, tags, policy_json, created_at, updated_at";

    private const string VersionColumns =
        "model, version, description, tags, metadata_json, parent_version, training_data, status, stage, stage_since, artifacts, created_at, created_by";

    private static async Task<RegistryState> ReadStateAsync(NpgsqlConnection c, NpgsqlTransaction tx, string model, CancellationToken ct)
    {
        RegistryModel? m = null;
        await using (var cmd = Cmd(c, tx, $"SELECT {ModelColumns} FROM registry_models WHERE name = @m", Text("m", model)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            if (await r.ReadAsync(ct))
            {
                m = ReadModel(r);
            }
        }

        var versions = new List<RegistryVersion>();
        await using (var cmd = Cmd(c, tx, $"SELECT {VersionColumns} FROM registry_versions WHERE model = @m ORDER BY created_at, id", Text("m", model)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                versions.Add(new RegistryVersion(
                    r.GetString(0), r.GetString(1), r.GetString(2), RegistryCodec.TagsFromJson(r.GetString(3)), r.GetString(4),
                    NullableString(r, 5), NullableString(r, 6), r.GetString(7), RegistryCodec.ParseStage(r.GetString(8)), FromMs(r.GetInt64(9)),
                    RegistryCodec.ArtifactsFromJson(r.GetString(10)), FromMs(r.GetInt64(11)), r.GetString(12)));
            }
        }

        var aliases = new List<RegistryAlias>();
        await using (var cmd = Cmd(c, tx, "SELECT alias, version, updated_at FROM registry_aliases WHERE model = @m ORDER BY alias COLLATE \"C\"", Text("m", model)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                aliases.Add(new RegistryAlias(r.GetString(0), r.GetString(1), FromMs(r.GetInt64(2))));
            }
        }

        var approvals = new List<RegistryApproval>();
        await using (var cmd = Cmd(c, tx, "SELECT version, target, approved_by, comment, at FROM registry_approvals WHERE model = @m ORDER BY at, id", Text("m", model)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                approvals.Add(new RegistryApproval(r.GetString(0), RegistryCodec.ParseStage(r.GetString(1)), r.GetString(2), NullableString(r, 3), FromMs(r.GetInt64(4))));
            }
        }

        var production = new List<ProductionEntry>();
        await using (var cmd = Cmd(c, tx, "SELECT version, at FROM registry_production WHERE model = @m ORDER BY at, id", Text("m", model)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                production.Add(new ProductionEntry(r.GetString(0), FromMs(r.GetInt64(1))));
            }
        }

        return new RegistryState(m, versions, aliases, approvals, production);
    }

    private static RegistryModel ReadModel(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), RegistryCodec.TagsFromJson(r.GetString(2)), NullableString(r, 3), FromMs(r.GetInt64(4)), FromMs(r.GetInt64(5)));

    private async Task ApplyAsync(NpgsqlConnection c, NpgsqlTransaction tx, string model, RegistryChange change, CancellationToken ct)
    {
        if (change.Model is { } m)
        {
            await ExecuteAsync(c, tx, $"""
                INSERT INTO registry_models ({ModelColumns}) VALUES (@n, @d, @tags, @p, @c, @u)
                ON CONFLICT (name) DO UPDATE SET description = excluded.description, tags = excluded.tags, policy_json = excluded.policy_json,
                    created_at = excluded.created_at, updated_at = excluded.updated_at
                """, ct,
                Text("n", m.Name), Text("d", m.Description), Text("tags", RegistryCodec.TagsToJson(m.Tags)), Text("p", m.PolicyJson), Time("c", m.CreatedAt), Time("u", m.UpdatedAt));
        }

        foreach (var v in change.Versions)
        {
            await ExecuteAsync(c, tx, $"""
                INSERT INTO registry_versions ({VersionColumns}) VALUES (@m, @v, @d, @tags, @meta, @parent, @data, @status, @stage, @since, @art, @c, @by)
                ON CONFLICT (model, version) DO UPDATE SET description = excluded.description, tags = excluded.tags,
                    metadata_json = excluded.metadata_json, parent_version = excluded.parent_version, training_data = excluded.training_data,
                    status = excluded.status, stage = excluded.stage, stage_since = excluded.stage_since, artifacts = excluded.artifacts,
                    created_at = excluded.created_at, created_by = excluded.created_by
                """, ct,
                Text("m", model), Text("v", v.Version), Text("d", v.Description), Text("tags", RegistryCodec.TagsToJson(v.Tags)), Text("meta", v.MetadataJson),
                Text("parent", v.ParentVersion), Text("data", v.TrainingData), Text("status", v.Status), Text("stage", RegistryCodec.StageName(v.Stage)),
                Time("since", v.StageSince), Text("art", RegistryCodec.ArtifactsToJson(v.Artifacts)), Time("c", v.CreatedAt), Text("by", v.CreatedBy));
        }

        foreach (var alias in change.RemoveAliases)
        {
            await ExecuteAsync(c, tx, "DELETE FROM registry_aliases WHERE model = @m AND alias = @a", ct, Text("m", model), Text("a", alias));
        }

        foreach (var a in change.SetAliases)
        {
            await ExecuteAsync(c, tx, """
                INSERT INTO registry_aliases (model, alias, version, updated_at) VALUES (@m, @a, @v, @t)
                ON CONFLICT (model, alias) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at
                """, ct,
                Text("m", model), Text("a", a.Alias), Text("v", a.Version), Time("t", a.UpdatedAt));
        }

        foreach (var a in change.Approvals)
        {
            await ExecuteAsync(c, tx, "INSERT INTO registry_approvals (model, version, target, approved_by, comment, at) VALUES (@m, @v, @t, @by, @c, @at)", ct,
                Text("m", model), Text("v", a.Version), Text("t", RegistryCodec.StageName(a.Target)), Text("by", a.ApprovedBy), Text("c", a.Comment), Time("at", a.At));
        }

        foreach (var p in change.EnterProduction)
        {
            await ExecuteAsync(c, tx, "INSERT INTO registry_production (model, version, at) VALUES (@m, @v, @at)", ct, Text("m", model), Text("v", p.Version), Time("at", p.At));
        }

        if (change.Baseline is { } b)
        {
            await ExecuteAsync(c, tx, "INSERT INTO registry_baselines (model, version, at, eval_run_id, metrics_json, reference_profile) VALUES (@m, @v, @at, @e, @j, @p)", ct,
                Text("m", model), Text("v", b.Version), Time("at", b.At), Text("e", b.EvalRunId), Text("j", b.MetricsJson), Bytes("p", b.ReferenceProfile));
        }

        await AppendAuditAsync(c, tx, change.Audit, ct);
        await QueueDeliveriesAsync(c, tx, change.Events, ct);
    }

    private static async Task AppendAuditAsync(NpgsqlConnection c, NpgsqlTransaction tx, IReadOnlyList<AuditDraft> drafts, CancellationToken ct)
    {
        var (seq, prev) = (0L, AuditChain.Genesis);
        await using (var head = Cmd(c, tx, "SELECT seq, hash FROM registry_audit ORDER BY seq DESC LIMIT 1"))
        await using (var r = await head.ExecuteReaderAsync(ct))
        {
            if (await r.ReadAsync(ct))
            {
                (seq, prev) = (r.GetInt64(0), r.GetString(1));
            }
        }

        foreach (var d in drafts)
        {
            seq++;
            var hash = AuditChain.Hash(prev, seq, d);
            await ExecuteAsync(c, tx, $"INSERT INTO registry_audit ({RegistryCodec.AuditColumns}) VALUES (@s, @at, @actor, @m, @v, @action, @reason, @before, @after, @prev, @hash)", ct,
                Long("s", seq), Time("at", d.At), Text("actor", d.Actor), Text("m", d.Model), Text("v", d.Version), Text("action", d.Action), Text("reason", d.Reason),
                Text("before", d.BeforeJson), Text("after", d.AfterJson), Text("prev", prev), Text("hash", hash));
            prev = hash;
        }
    }

    private async Task QueueDeliveriesAsync(NpgsqlConnection c, NpgsqlTransaction tx, IReadOnlyList<RegistryEvent> events, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return;
        }

        var webhooks = await ReadWebhooksAsync(c, tx, ct);
        var now = _time.GetUtcNow();
        foreach (var e in events)
        {
            foreach (var w in webhooks)
            {
                if (RegistryCodec.Matches(w, e))
                {
                    await ExecuteAsync(c, tx, """
                        INSERT INTO webhook_deliveries (webhook_id, url, event_type, payload_json, attempts, status, next_attempt_at, created_at)
                        VALUES (@w, @u, @type, @payload, 0, 'pending', @now, @now)
                        """, ct,
                        Text("w", w.Id), Text("u", w.Url), Text("type", e.Type), Text("payload", e.PayloadJson), Time("now", now));
                }
            }
        }
    }
}
