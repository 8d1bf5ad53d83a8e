using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Vigil.Cli.Registry;

/// <summary><c>vigil registry promote|archive|alias|approve|rollback</c>: changes of stage and alias.</summary>
internal static class StageCommands
{
    public static Command Promote(RegistryOptions options)
    {
        var model = new Argument<string>("model") { Description = "The model." };
        var reference = new Argument<string>("ref") { Description = "A version, alias, production, staging or latest." };
        var stage = new Option<string>("--stage") { Description = "The target stage: staging, production, none or archived.", Required = true };
        stage.AcceptOnlyFromAmong("staging", "production", "none", "archived");
        var reason = new Option<string?>("--reason") { Description = "Why (recorded in the audit log)." };
        var expect = new Option<string?>("--expect-production") { Description = "Refuse unless Production is still this version ('none': no version)." };
        var command = new Command("promote", "Move a version to a stage; a refusal prints every policy rule's verdict and exits 1.") { model, reference, stage, reason, expect };
        RegistryAction.Set(command, options, (c, ct) =>
            TransitionAsync(c, c.Parse.GetValue(model)!, c.Parse.GetValue(reference)!, c.Parse.GetValue(stage)!, c.Parse.GetValue(reason), c.Parse.GetValue(expect), ct));
        return command;
    }

    public static Command Archive(RegistryOptions options)
    {
        var model = new Argument<string>("model") { Description = "The model." };
        var reference = new Argument<string>("ref") { Description = "A version, alias, production, staging or latest." };
        var reason = new Option<string?>("--reason") { Description = "Why (recorded in the audit log)." };
        var command = new Command("archive", "Archive a version (promote --stage archived).") { model, reference, reason };
        RegistryAction.Set(command, options, (c, ct) =>
            TransitionAsync(c, c.Parse.GetValue(model)!, c.Parse.GetValue(reference)!, "archived", c.Parse.GetValue(reason), null, ct));
        return command;
    }

    public static Command Alias(RegistryOptions options)
    {
        var model = new Argument<string>("model") { Description = "The model." };
        var alias = new Argument<string>("alias") { Description = "The alias (champion, challenger, ...)." };
        var reference = new Argument<string?>("ref") { Description = "The version it points at (a version, alias, production, staging or latest).", Arity = ArgumentArity.ZeroOrOne };
        var delete = new Option<bool>("--delete") { Description = "Remove the alias instead." };
        var reason = new Option<string?>("--reason") { Description = "Why (recorded in the audit log)." };
        var command = new Command("alias", "Point an alias at a version, or remove it with --delete.") { model, alias, reference, delete, reason };
        RegistryAction.Set(command, options, async (c, ct) =>
        {
            var (m, a, r, reasonText) = (c.Parse.GetValue(model)!, c.Parse.GetValue(alias)!, c.Parse.GetValue(reference), c.Parse.GetValue(reason));
            if (c.Parse.GetValue(delete))
            {
                if (r is not null)
                {
                    throw new UsageException($"--delete removes the alias: give no REF ('{r}').");
                }

                var path = RegistryHttp.PathOf("models", m, "aliases", a) + (reasonText is null ? string.Empty : "?reason=" + Uri.EscapeDataString(reasonText));
                (await c.Http.SendAsync(HttpMethod.Delete, path, null, ct).ConfigureAwait(false)).EnsureSuccess();
                c.Out.WriteLine(c.Json ? JsonSerializer.Serialize(new { model = m, alias = a, removed = true }) : $"removed alias {a} of {m}");
                return ExitCodes.Success;
            }

            if (r is null)
            {
                throw new UsageException("alias: give the REF the alias points at, or --delete to remove it.");
            }

            var body = new Dictionary<string, object?> { ["version"] = r, ["reason"] = reasonText };
            var response = (await c.Http.SendAsync(HttpMethod.Put, RegistryHttp.PathOf("models", m, "aliases", a), RegistryHttp.JsonContent(body), ct).ConfigureAwait(false)).EnsureSuccess();
            if (c.Json)
            {
                c.WriteJson(response);
            }
            else
            {
                c.Out.WriteLine($"{m} alias {a} -> {RegistryViews.Str(response.Json(), "version")}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Approve(RegistryOptions options)
    {
        var model = new Argument<string>("model") { Description = "The model." };
        var reference = new Argument<string>("ref") { Description = "A version, alias, production, staging or latest." };
        var stage = new Option<string>("--stage") { Description = "The stage approved for.", DefaultValueFactory = _ => "production" };
        stage.AcceptOnlyFromAmong("staging", "production", "none", "archived");
        var comment = new Option<string?>("--comment") { Description = "Why (recorded in the audit log)." };
        var command = new Command("approve", "Approve a version for a stage (needs an admin key).") { model, reference, stage, comment };
        RegistryAction.Set(command, options, async (c, ct) =>
        {
            var (m, r, s) = (c.Parse.GetValue(model)!, c.Parse.GetValue(reference)!, c.Parse.GetValue(stage)!);
            var body = new Dictionary<string, object?> { ["stage"] = s, ["comment"] = c.Parse.GetValue(comment) };
            var response = (await c.Http.SendAsync(HttpMethod.Post, RegistryHttp.PathOf("models", m, "versions", r, "approvals"), RegistryHttp.JsonContent(body), ct).ConfigureAwait(false)).EnsureSuccess();
            if (c.Json)
            {
                c.WriteJson(response);
            }
            else
            {
                var a = response.Json();
                c.Out.WriteLine($"approved {m} {RegistryViews.Str(a, "version")} for {s} by {RegistryViews.Str(a, "approved_by")}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Rollback(RegistryOptions options)
    {
        var model = new Argument<string>("model") { Description = "The model." };
        var reason = new Option<string?>("--reason") { Description = "Why (recorded in the audit log)." };
        var command = new Command("rollback", "Move Production back to the previous Production version in one call.") { model, reason };
        RegistryAction.Set(command, options, async (c, ct) =>
        {
            var m = c.Parse.GetValue(model)!;
            var body = new Dictionary<string, object?> { ["reason"] = c.Parse.GetValue(reason) };
            var clock = Stopwatch.StartNew();
            var response = (await c.Http.SendAsync(HttpMethod.Post, RegistryHttp.PathOf("models", m, "rollback"), RegistryHttp.JsonContent(body), ct).ConfigureAwait(false)).EnsureSuccess();
            var roundTrip = clock.Elapsed.TotalMilliseconds;
            if (c.Json)
            {
                c.WriteJson(response);
                return ExitCodes.Success;
            }

            var r = response.Json();
            var server = r.TryGetProperty("elapsed_ms", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetDouble() : double.NaN;
            c.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"rolled back {m}: {RegistryViews.Str(r, "from")} -> {RegistryViews.Str(r, "to")} (server {server:0.0} ms, round trip {roundTrip:0.0} ms)"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> TransitionAsync(RegistryContext c, string model, string reference, string stage, string? reason, string? expectProduction, CancellationToken ct)
    {
        var body = new Dictionary<string, object?> { ["stage"] = stage, ["reason"] = reason, ["expected_production"] = expectProduction };
        var response = await c.Http.SendAsync(HttpMethod.Post, RegistryHttp.PathOf("models", model, "versions", reference, "stage"), RegistryHttp.JsonContent(body), ct).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.Conflict && response.Json() is { ValueKind: JsonValueKind.Object } problem && problem.TryGetProperty("rules", out var rules))
        {
            if (c.Json)
            {
                c.WriteJson(response);
            }
            else
            {
                RegistryViews.WriteRules(rules.EnumerateArray(), RegistryConsole.Tables());
            }

            c.Error.WriteLine($"vigil: {response.Problem().Title}: {response.Problem().Detail}");
            return ExitCodes.CheckFailed;
        }

        response.EnsureSuccess();
        if (c.Json)
        {
            c.WriteJson(response);
            return ExitCodes.Success;
        }

        var t = response.Json();
        c.Out.WriteLine($"{model} {RegistryViews.Str(t, "version")}: {RegistryViews.Str(t, "from")} -> {RegistryViews.Str(t, "to")}");
        if (RegistryViews.Items(t, "archived").Select(RegistryViews.Value).ToList() is { Count: > 0 } archived)
        {
            c.Out.WriteLine($"archived {string.Join(", ", archived)} (the policy's Production limit)");
        }

        if (RegistryViews.Items(t, "rules").Any())
        {
            RegistryViews.WriteRules(RegistryViews.Items(t, "rules"), RegistryConsole.Tables());
        }

        return ExitCodes.Success;
    }
}
