using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Vigil.Cli.Registry;

/// <summary><c>vigil registry list|show|history</c>: read-only views.</summary>
internal static class ViewCommands
{
    public static Command List(RegistryOptions options)
    {
        var model = new Argument<string?>("model") { Description = "A model: list its versions (default: list the models).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("list", "List models, or one model's versions with stage, aliases, status and creation.") { model };
        RegistryAction.Set(command, options, async (c, ct) =>
        {
            var m = c.Parse.GetValue(model);
            var response = (await c.Http.GetAsync(m is null ? "models" : RegistryHttp.PathOf("models", m), ct).ConfigureAwait(false)).EnsureSuccess();
            if (c.Json)
            {
                c.WriteJson(response);
                return ExitCodes.Success;
            }

            var json = response.Json();
            if (m is null)
            {
                var table = RegistryViews.Table("model", "production", "versions", "aliases", "description", "updated");
                foreach (var e in json.EnumerateArray())
                {
                    RegistryViews.Row(table, RegistryViews.Str(e, "name"), RegistryViews.Str(e, "production"), RegistryViews.Items(e, "versions").Count().ToString(CultureInfo.InvariantCulture),
                        RegistryViews.Str(e, "aliases"), RegistryViews.Str(e, "description"), RegistryViews.Time(e, "updated_at"));
                }

                RegistryConsole.Tables().Write(table);
            }
            else
            {
                RegistryConsole.Tables().Write(Versions(json));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Show(RegistryOptions options)
    {
        var model = new Argument<string>("model") { Description = "The model." };
        var reference = new Argument<string?>("ref") { Description = "A version, alias, production, staging or latest (default: show the model).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("show", "Show a model (policy, production, aliases) or one version (metadata, lineage, artifacts).") { model, reference };
        RegistryAction.Set(command, options, async (c, ct) =>
        {
            var (m, r) = (c.Parse.GetValue(model)!, c.Parse.GetValue(reference));
            var path = r is null ? RegistryHttp.PathOf("models", m) : RegistryHttp.PathOf("models", m, "versions", r);
            var response = (await c.Http.GetAsync(path, ct).ConfigureAwait(false)).EnsureSuccess();
            if (c.Json)
            {
                c.WriteJson(response);
            }
            else if (r is null)
            {
                ShowModel(response.Json(), c.Out);
            }
            else
            {
                ShowVersion(response.Json(), c.Out);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command History(RegistryOptions options)
    {
        var model = new Argument<string>("model") { Description = "The model." };
        var from = new Option<string?>("--from") { Description = "Entries at or after this time (ISO 8601)." };
        var to = new Option<string?>("--to") { Description = "Entries before this time (ISO 8601)." };
        var limit = new Option<int?>("--limit") { Description = "At most this many entries (1 to 10000; server default 1000)." };
        var command = new Command("history", "The model's audit entries: who did what, when, and why.") { model, from, to, limit };
        RegistryAction.Set(command, options, async (c, ct) =>
        {
            var query = new List<string>();
            Add(query, "from", c.Parse.GetValue(from));
            Add(query, "to", c.Parse.GetValue(to));
            if (c.Parse.GetValue(limit) is { } n)
            {
                Add(query, "limit", n is >= 1 and <= 10_000 ? n.ToString(CultureInfo.InvariantCulture) : throw new UsageException($"--limit {n}: must be from 1 to 10000."));
            }

            var path = RegistryHttp.PathOf("models", c.Parse.GetValue(model)!, "history") + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
            var response = (await c.Http.GetAsync(path, ct).ConfigureAwait(false)).EnsureSuccess();
            if (c.Json)
            {
                c.WriteJson(response);
                return ExitCodes.Success;
            }

            var table = RegistryViews.Table("seq", "at", "actor", "action", "version", "reason", "before", "after");
            foreach (var e in response.Json().EnumerateArray())
            {
                RegistryViews.Row(table, RegistryViews.Str(e, "seq"), RegistryViews.Time(e, "at"), RegistryViews.Str(e, "actor"), RegistryViews.Str(e, "action"),
                    RegistryViews.Str(e, "version"), RegistryViews.Str(e, "reason"), RegistryViews.Str(e, "before"), RegistryViews.Str(e, "after"));
            }

            RegistryConsole.Tables().Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Add(List<string> query, string name, string? value)
    {
        if (value is not null)
        {
            query.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }

    private static Spectre.Console.Table Versions(JsonElement model)
    {
        var table = RegistryViews.Table("version", "stage", "aliases", "status", "created", "by", "parent", "artifacts");
        foreach (var v in RegistryViews.Items(model, "versions"))
        {
            RegistryViews.Row(table, RegistryViews.Str(v, "version"), RegistryViews.Str(v, "stage"), string.Join(", ", RegistryViews.Items(v, "aliases").Select(RegistryViews.Value)),
                RegistryViews.Str(v, "status"), RegistryViews.Time(v, "created_at"), RegistryViews.Str(v, "created_by"), RegistryViews.Str(v, "parent_version"),
                RegistryViews.Items(v, "artifacts").Count().ToString(CultureInfo.InvariantCulture));
        }

        return table;
    }

    private static void ShowModel(JsonElement m, TextWriter output)
    {
        RegistryViews.WriteFields(
            output,
            ("model", RegistryViews.Str(m, "name")),
            ("description", RegistryViews.Str(m, "description")),
            ("tags", RegistryViews.Str(m, "tags")),
            ("production", RegistryViews.Str(m, "production") is { Length: > 0 } p ? p : "(none)"),
            ("aliases", RegistryViews.Str(m, "aliases") is { Length: > 0 } a ? a : "(none)"),
            ("created", RegistryViews.Time(m, "created_at")),
            ("updated", RegistryViews.Time(m, "updated_at")));
        output.WriteLine("policy:");
        output.WriteLine(m.TryGetProperty("policy", out var policy) ? RegistryViews.Pretty(policy) : "(default)");
        RegistryConsole.Tables().Write(Versions(m));
    }

    private static void ShowVersion(JsonElement v, TextWriter output)
    {
        RegistryViews.WriteFields(
            output,
            ("model", RegistryViews.Str(v, "model")),
            ("version", RegistryViews.Str(v, "version")),
            ("description", RegistryViews.Str(v, "description")),
            ("tags", RegistryViews.Str(v, "tags")),
            ("status", RegistryViews.Str(v, "status")),
            ("stage", $"{RegistryViews.Str(v, "stage")} since {RegistryViews.Time(v, "stage_since")}"),
            ("aliases", string.Join(", ", RegistryViews.Items(v, "aliases").Select(RegistryViews.Value))),
            ("parent", RegistryViews.Str(v, "parent_version")),
            ("training data", RegistryViews.Str(v, "training_data")),
            ("created", $"{RegistryViews.Time(v, "created_at")} by {RegistryViews.Str(v, "created_by")}"));
        if (v.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object && meta.EnumerateObject().Any())
        {
            output.WriteLine("metadata:");
            output.WriteLine(RegistryViews.Pretty(meta));
        }

        var table = RegistryViews.Table("artifact", "sha256", "bytes", "uploaded");
        foreach (var a in RegistryViews.Items(v, "artifacts"))
        {
            RegistryViews.Row(table, RegistryViews.Str(a, "name"), RegistryViews.Str(a, "sha256"), RegistryViews.Str(a, "size"), RegistryViews.Time(a, "uploaded_at"));
        }

        RegistryConsole.Tables().Write(table);
    }
}
