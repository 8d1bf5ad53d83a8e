using System.CommandLine;
using System.Text;
using System.Text.Json;

namespace Vigil.Cli.Registry;

/// <summary><c>vigil registry verify-audit|policy</c>: the audit chain and promotion policies.</summary>
internal static class AuditCommands
{
    public static Command VerifyAudit(RegistryOptions options)
    {
        var command = new Command("verify-audit", "Check the audit log's hash chain (admin key); exits 1 and names the entry when it is broken.");
        RegistryAction.Set(command, options, async (c, ct) =>
        {
            var response = (await c.Http.GetAsync("audit/verify", ct).ConfigureAwait(false)).EnsureSuccess();
            var v = response.Json();
            var intact = v.TryGetProperty("intact", out var i) && i.ValueKind == JsonValueKind.True;
            var entries = RegistryViews.Str(v, "entries");
            if (c.Json)
            {
                c.WriteJson(response);
            }
            else if (intact)
            {
                c.Out.WriteLine($"audit log intact, {entries} entries");
            }

            if (!intact)
            {
                c.Error.WriteLine($"vigil: audit log broken at entry {RegistryViews.Str(v, "broken_at")}: {RegistryViews.Str(v, "reason")} ({entries} entries checked)");
            }

            return intact ? ExitCodes.Success : ExitCodes.CheckFailed;
        });
        return command;
    }

    public static Command Policy(RegistryOptions options)
    {
        var model = new Argument<string>("model") { Description = "The model." };
        var set = new Option<string?>("--set") { Description = "Set the policy from this JSON file (admin key): {max_production_versions, rules: [...]}." };
        var reset = new Option<bool>("--default") { Description = "Restore the default policy (admin key)." };
        var reason = new Option<string?>("--reason") { Description = "Why (recorded in the audit log)." };
        var command = new Command("policy", "Show a model's promotion policy, or set it (--set FILE.json, --default).") { model, set, reset, reason };
        RegistryAction.Set(command, options, async (c, ct) =>
        {
            var (m, file, restore, why) = (c.Parse.GetValue(model)!, c.Parse.GetValue(set), c.Parse.GetValue(reset), c.Parse.GetValue(reason));
            if (file is not null && restore)
            {
                throw new UsageException("--set and --default: give one, not both.");
            }

            var path = RegistryHttp.PathOf("models", m, "policy");
            RegistryResponse response;
            if (file is null && !restore)
            {
                response = await c.Http.GetAsync(path, ct).ConfigureAwait(false);
            }
            else
            {
                var text = restore ? "null" : ReadPolicy(file!);
                var query = why is null ? string.Empty : "?reason=" + Uri.EscapeDataString(why);
                response = await c.Http.SendAsync(HttpMethod.Put, path + query, new StringContent(text, Encoding.UTF8, "application/json"), ct).ConfigureAwait(false);
            }

            response.EnsureSuccess();
            if (c.Json)
            {
                c.WriteJson(response);
                return ExitCodes.Success;
            }

            var policy = response.Json();
            var max = RegistryViews.Str(policy, "max_production_versions");
            c.Out.WriteLine($"{m}: at most {(max.Length > 0 ? max : "1")} version(s) in production");
            var table = RegistryViews.Table("to", "kind", "settings");
            foreach (var rule in RegistryViews.Items(policy, "rules"))
            {
                var settings = string.Join(" ", rule.EnumerateObject().Where(p => p.Name is not ("kind" or "to")).Select(p => $"{p.Name}={RegistryViews.Value(p.Value)}"));
                RegistryViews.Row(table, RegistryViews.Str(rule, "to") is { Length: > 0 } to ? to : "production", RegistryViews.Str(rule, "kind"), settings);
            }

            RegistryConsole.Tables().Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string ReadPolicy(string file)
    {
        if (!File.Exists(file))
        {
            throw new UsageException($"--set {file}: no such file.");
        }

        var text = File.ReadAllText(file);
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? text
                : throw new UsageException($"--set {file}: the policy must be a JSON object: {{\"max_production_versions\": 1, \"rules\": [...]}}.");
        }
        catch (JsonException ex)
        {
            throw new UsageException($"--set {file}: not valid JSON: {ex.Message}");
        }
    }
}
