using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Vigil.Storage.Registry;

/// <summary>
/// What the SQLite and PostgreSQL registry stores share: the JSON text of tags, artifact lists and webhook event
/// filters, stage names, times as Unix milliseconds, checks of a change and webhook matching.
/// </summary>
internal static class RegistryCodec
{
    /// <summary>Delivery statuses that <see cref="IRegistryStore.RecordAttemptAsync"/> accepts.</summary>
    public const string Pending = "pending";

    /// <summary>A delivery that reached its receiver.</summary>
    public const string Delivered = "delivered";

    /// <summary>A delivery given up on.</summary>
    public const string Failed = "failed";

    /// <summary>The columns of registry_audit, eval_runs and golden_sets, in the order both stores read them.</summary>
    public const string AuditColumns = "seq, at, actor, model, version, action, reason, before_json, after_json, prev_hash, hash";

    /// <inheritdoc cref="AuditColumns"/>
    public const string EvalColumns = "id, model, version, golden_set, dataset_sha256, task, passed, config_json, result_json, created_at, created_by";

    /// <inheritdoc cref="AuditColumns"/>
    public const string GoldenColumns = "name, sha256, items, size, description, created_at, created_by";

    /// <summary>Audit entries read per query by <see cref="ReadAuditAsync"/>.</summary>
    public const int AuditPage = 1000;

    public static long ToMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    /// <summary>Every audit entry in sequence order, read a page at a time through <paramref name="getAudit"/>.</summary>
    public static async IAsyncEnumerable<AuditEntry> ReadAuditAsync(
        Func<AuditQuery, CancellationToken, Task<IReadOnlyList<AuditEntry>>> getAudit,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = 0L;
        while (true)
        {
            var page = await getAudit(new AuditQuery(AfterSeq: after, Limit: AuditPage), cancellationToken).ConfigureAwait(false);
            foreach (var e in page)
            {
                yield return e;
            }

            if (page.Count < AuditPage)
            {
                yield break;
            }

            after = page[^1].Seq;
        }
    }

    public static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static string StageName(Stage stage) => Stages.Name(stage);

    public static Stage ParseStage(string name) => Stages.TryParse(name, out var stage)
        ? stage
        : throw new InvalidDataException($"registry stage '{name}' stored in the database is not one of none, staging, production, archived.");

    /// <summary>Tags as a JSON object with keys in ordinal order.</summary>
    public static string TagsToJson(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return Write(w =>
        {
            w.WriteStartObject();
            foreach (var key in tags.Keys.Order(StringComparer.Ordinal))
            {
                w.WriteString(key, tags[key]);
            }

            w.WriteEndObject();
        });
    }

    public static Dictionary<string, string> TagsFromJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            tags[p.Name] = p.Value.GetString() ?? string.Empty;
        }

        return tags;
    }

    /// <summary>Artifacts as a JSON array of <c>{name, sha256, size, uploadedAt}</c> (Unix milliseconds).</summary>
    public static string ArtifactsToJson(IReadOnlyList<ArtifactRef> artifacts)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        return Write(w =>
        {
            w.WriteStartArray();
            foreach (var a in artifacts)
            {
                w.WriteStartObject();
                w.WriteString("name", a.Name);
                w.WriteString("sha256", a.Sha256);
                w.WriteNumber("size", a.Size);
                w.WriteNumber("uploadedAt", ToMs(a.UploadedAt));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    public static List<ArtifactRef> ArtifactsFromJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var list = new List<ArtifactRef>();
        foreach (var a in doc.RootElement.EnumerateArray())
        {
            list.Add(new ArtifactRef(
                a.GetProperty("name").GetString()!,
                a.GetProperty("sha256").GetString()!,
                a.GetProperty("size").GetInt64(),
                FromMs(a.GetProperty("uploadedAt").GetInt64())));
        }

        return list;
    }

    /// <summary>A list of strings as a JSON array.</summary>
    public static string StringsToJson(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Write(w =>
        {
            w.WriteStartArray();
            foreach (var v in values)
            {
                w.WriteStringValue(v);
            }

            w.WriteEndArray();
        });
    }

    public static List<string> StringsFromJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var list = new List<string>();
        foreach (var v in doc.RootElement.EnumerateArray())
        {
            list.Add(v.GetString()!);
        }

        return list;
    }

    /// <summary>Whether <paramref name="webhook"/> subscribes to <paramref name="e"/>: its model is null or the event's, its events empty or include the type.</summary>
    public static bool Matches(WebhookRecord webhook, RegistryEvent e) =>
        (webhook.Model is null || string.Equals(webhook.Model, e.Model, StringComparison.Ordinal))
        && (webhook.Events.Count == 0 || webhook.Events.Contains(e.Type, StringComparer.Ordinal));

    /// <summary>Refuses a change that writes another model's rows or carries no audit entry (before anything is written).</summary>
    public static void CheckChange(string model, RegistryChange change)
    {
        if (change.Model is { } m && !string.Equals(m.Name, model, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"a registry change of model '{model}' may not write model '{m.Name}'.");
        }

        foreach (var v in change.Versions)
        {
            if (!string.Equals(v.Model, model, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"a registry change of model '{model}' may not write version '{v.Version}' of model '{v.Model}'.");
            }
        }

        if (change.Baseline is { } b && !string.Equals(b.Model, model, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"a registry change of model '{model}' may not write a baseline of model '{b.Model}'.");
        }

        if (change.Audit.Count == 0)
        {
            throw new InvalidOperationException($"a registry change of model '{model}' must carry at least one audit entry (RegistryChange.Audit is empty).");
        }
    }

    /// <summary>Refuses an attempt whose status is not pending, delivered or failed.</summary>
    public static void CheckAttempt(WebhookAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (attempt.Status is not (Pending or Delivered or Failed))
        {
            throw new ArgumentException($"WebhookAttempt.Status must be pending, delivered or failed, not '{attempt.Status}'.", nameof(attempt));
        }
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            write(w);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
