using Microsoft.Data.Sqlite;
using Vigil.Storage.Registry;

namespace Vigil.Storage.Sqlite;

/// <summary>Reading a model's state and writing a change, inside the caller's transaction.</summary>
public sealed partial class SqliteRegistryStore
{
    private const string ModelColumns = "name, description, tags, policy_json, created_at, updated_at";

    private const string VersionColumns =
        "model, version, description, tags, metadata_json, parent_version, training_data, status, stage, stage_since, artifacts, created_at, created_by";

    private static RegistryState ReadState(SqliteConnection c, SqliteTransaction tx, string model)
    {
        RegistryModel? m = null;
        using (var cmd = Cmd(c, tx, $"SELECT {ModelColumns} FROM registry_models WHERE name = $m", ("$m", model)))
        using (var r = cmd.ExecuteReader())
        {
            if (r.Read())
            {
                m = ReadModel(r);
            }
        }

        var versions = new List<RegistryVersion>();
        using (var cmd = Cmd(c, tx, $"SELECT {VersionColumns} FROM registry_versions WHERE model = $m ORDER BY created_at, id", ("$m", model)))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                versions.Add(new RegistryVersion(
                    r.GetString(0), r.GetString(1), r.GetString(2), RegistryCodec.TagsFromJson(r.GetString(3)), r.GetString(4),
                    NullableString(r, 5), NullableString(r, 6), r.GetString(7), RegistryCodec.ParseStage(r.GetString(8)), FromMs(r.GetInt64(9)),
                    RegistryCodec.ArtifactsFromJson(r.GetString(10)), FromMs(r.GetInt64(11)), r.GetString(12)));
            }
        }

        var aliases = new List<RegistryAlias>();
        using (var cmd = Cmd(c, tx, "SELECT alias, version, updated_at FROM registry_aliases WHERE model = $m ORDER BY alias", ("$m", model)))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                aliases.Add(new RegistryAlias(r.GetString(0), r.GetString(1), FromMs(r.GetInt64(2))));
            }
        }

        var approvals = new List<RegistryApproval>();
        using (var cmd = Cmd(c, tx, "SELECT version, target, approved_by, comment, at FROM registry_approvals WHERE model = $m ORDER BY at, id", ("$m", model)))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                approvals.Add(new RegistryApproval(r.GetString(0), RegistryCodec.ParseStage(r.GetString(1)), r.GetString(2), NullableString(r, 3), FromMs(r.GetInt64(4))));
            }
        }

        var production = new List<ProductionEntry>();
        using (var cmd = Cmd(c, tx, "SELECT version, at FROM registry_production WHERE model = $m ORDER BY at, id", ("$m", model)))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                production.Add(new ProductionEntry(r.GetString(0), FromMs(r.GetInt64(1))));
            }
        }

        return new RegistryState(m, versions, aliases, approvals, production);
    }

    private static RegistryModel ReadModel(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), RegistryCodec.TagsFromJson(r.GetString(2)), NullableString(r, 3), FromMs(r.GetInt64(4)), FromMs(r.GetInt64(5)));

    private void Apply(SqliteConnection c, SqliteTransaction tx, string model, RegistryChange change)
    {
        if (change.Model is { } m)
        {
            Execute(c, tx, $"""
                INSERT INTO registry_models ({ModelColumns}) VALUES ($n, $d, $tags, $p, $c, $u)
                ON CONFLICT (name) DO UPDATE SET description = excluded.description, tags = excluded.tags, policy_json = excluded.policy_json,
                    created_at = excluded.created_at, updated_at = excluded.updated_at
                """,
                ("$n", m.Name), ("$d", m.Description), ("$tags", RegistryCodec.TagsToJson(m.Tags)), ("$p", m.PolicyJson), ("$c", ToMs(m.CreatedAt)), ("$u", ToMs(m.UpdatedAt)));
        }

        foreach (var v in change.Versions)
        {
            Execute(c, tx, $"""
                INSERT INTO registry_versions ({VersionColumns}) VALUES ($m, $v, $d, $tags, $meta, $parent, $data, $status, $stage, $since, $art, $c, $by)
                ON CONFLICT (model, version) DO UPDATE SET description = excluded.description, tags = excluded.tags,
                    metadata_json = excluded.metadata_json, parent_version = excluded.parent_version, training_data = excluded.training_data,
                    status = excluded.status, stage = excluded.stage, stage_since = excluded.stage_since, artifacts = excluded.artifacts,
                    created_at = excluded.created_at, created_by = excluded.created_by
                """,
                ("$m", model), ("$v", v.Version), ("$d", v.Description), ("$tags", RegistryCodec.TagsToJson(v.Tags)), ("$meta", v.MetadataJson),
                ("$parent", v.ParentVersion), ("$data", v.TrainingData), ("$status", v.Status), ("$stage", RegistryCodec.StageName(v.Stage)),
                ("$since", ToMs(v.StageSince)), ("$art", RegistryCodec.ArtifactsToJson(v.Artifacts)), ("$c", ToMs(v.CreatedAt)), ("$by", v.CreatedBy));
        }

        foreach (var alias in change.RemoveAliases)
        {
            Execute(c, tx, "DELETE FROM registry_aliases WHERE model = $m AND alias = $a", ("$m", model), ("$a", alias));
        }

        foreach (var a in change.SetAliases)
        {
            Execute(c, tx, """
                INSERT INTO registry_aliases (model, alias, version, updated_at) VALUES ($m, $a, $v, $t)
                ON CONFLICT (model, alias) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at
                """,
                ("$m", model), ("$a", a.Alias), ("$v", a.Version), ("$t", ToMs(a.UpdatedAt)));
        }

        foreach (var a in change.Approvals)
        {
            Execute(c, tx, "INSERT INTO registry_approvals (model, version, target, approved_by, comment, at) VALUES ($m, $v, $t, $by, $c, $at)",
                ("$m", model), ("$v", a.Version), ("$t", RegistryCodec.StageName(a.Target)), ("$by", a.ApprovedBy), ("$c", a.Comment), ("$at", ToMs(a.At)));
        }

        foreach (var p in change.EnterProduction)
        {
            Execute(c, tx, "INSERT INTO registry_production (model, version, at) VALUES ($m, $v, $at)", ("$m", model), ("$v", p.Version), ("$at", ToMs(p.At)));
        }

        if (change.Baseline is { } b)
        {
            Execute(c, tx, "INSERT INTO registry_baselines (model, version, at, eval_run_id, metrics_json, reference_profile) VALUES ($m, $v, $at, $e, $j, $p)",
                ("$m", model), ("$v", b.Version), ("$at", ToMs(b.At)), ("$e", b.EvalRunId), ("$j", b.MetricsJson), ("$p", b.ReferenceProfile));
        }

        AppendAudit(c, tx, change.Audit);
        QueueDeliveries(c, tx, change.Events);
    }

    private static void AppendAudit(SqliteConnection c, SqliteTransaction tx, IReadOnlyList<AuditDraft> drafts)
    {
        var (seq, prev) = (0L, AuditChain.Genesis);
        using (var head = Cmd(c, tx, "SELECT seq, hash FROM registry_audit ORDER BY seq DESC LIMIT 1"))
        using (var r = head.ExecuteReader())
        {
            if (r.Read())
            {
                (seq, prev) = (r.GetInt64(0), r.GetString(1));
            }
        }

        foreach (var d in drafts)
        {
            seq++;
            var hash = AuditChain.Hash(prev, seq, d);
            Execute(c, tx, $"INSERT INTO registry_audit ({RegistryCodec.AuditColumns}) VALUES ($s, $at, $actor, $m, $v, $action, $reason, $before, $after, $prev, $hash)",
                ("$s", seq), ("$at", ToMs(d.At)), ("$actor", d.Actor), ("$m", d.Model), ("$v", d.Version), ("$action", d.Action), ("$reason", d.Reason),
                ("$before", d.BeforeJson), ("$after", d.AfterJson), ("$prev", prev), ("$hash", hash));
            prev = hash;
        }
    }

    private void QueueDeliveries(SqliteConnection c, SqliteTransaction tx, IReadOnlyList<RegistryEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        var webhooks = ReadWebhooks(c, tx);
        var now = ToMs(_time.GetUtcNow());
        foreach (var e in events)
        {
            foreach (var w in webhooks)
            {
                if (RegistryCodec.Matches(w, e))
                {
                    Execute(c, tx, """
                        INSERT INTO webhook_deliveries (webhook_id, url, event_type, payload_json, attempts, status, next_attempt_at, created_at)
                        VALUES ($w, $u, $type, $payload, 0, 'pending', $now, $now)
                        """,
                        ("$w", w.Id), ("$u", w.Url), ("$type", e.Type), ("$payload", e.PayloadJson), ("$now", now));
                }
            }
        }
    }
}
