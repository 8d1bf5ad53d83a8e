using System.CommandLine;
using System.Text.Json;

namespace Vigil.Cli.Registry;

/// <summary><c>vigil registry create|upload|download</c>: versions and their artifacts.</summary>
internal static class VersionCommands
{
    public static Command Create(RegistryOptions options)
    {
        var model = new Argument<string>("model") { Description = "The model (registered on its first version)." };
        var version = new Argument<string>("version") { Description = "The new version's name." };
        var description = new Option<string?>("--description") { Description = "Free text." };
        var tag = new Option<string[]>("--tag") { Description = "A tag, key=value (repeatable)." };
        var metadata = new Option<string?>("--metadata") { Description = "A JSON file holding the metadata object (framework, parameters, metrics)." };
        var metadataJson = new Option<string?>("--metadata-json") { Description = "The metadata object as JSON text." };
        var parent = new Option<string?>("--parent") { Description = "Lineage: the version this one derives from." };
        var training = new Option<string?>("--training-data") { Description = "Lineage: a fingerprint of the training data." };
        var status = new Option<string?>("--status") { Description = "ready (default) or failed." };
        status.AcceptOnlyFromAmong("ready", "failed");
        var command = new Command("create", "Register a model version.") { model, version, description, tag, metadata, metadataJson, parent, training, status };
        RegistryAction.Set(command, options, async (c, ct) =>
        {
            var p = c.Parse;
            var body = new Dictionary<string, object?>
            {
                ["version"] = p.GetValue(version),
                ["description"] = p.GetValue(description),
                ["tags"] = Tags(p.GetValue(tag) ?? []),
                ["metadata"] = Metadata(p.GetValue(metadata), p.GetValue(metadataJson)),
                ["parent_version"] = p.GetValue(parent),
                ["training_data"] = p.GetValue(training),
                ["status"] = p.GetValue(status),
            };
            var response = (await c.Http.SendAsync(HttpMethod.Post, RegistryHttp.PathOf("models", p.GetValue(model)!, "versions"), RegistryHttp.JsonContent(body), ct).ConfigureAwait(false)).EnsureSuccess();
            if (c.Json)
            {
                c.WriteJson(response);
            }
            else
            {
                var v = response.Json();
                c.Out.WriteLine($"created {RegistryViews.Str(v, "model")} {RegistryViews.Str(v, "version")} (status {RegistryViews.Str(v, "status")}, stage {RegistryViews.Str(v, "stage")})");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Upload(RegistryOptions options)
    {
        var model = new Argument<string>("model") { Description = "The model." };
        var version = new Argument<string>("version") { Description = "The version (a name, not an alias)." };
        var file = new Argument<string>("file") { Description = "The file to upload (streamed)." };
        var name = new Option<string?>("--name") { Description = "The artifact's name (default: the file's name)." };
        var command = new Command("upload", "Upload an artifact; the server's SHA-256 must equal the local file's.") { model, version, file, name };
        RegistryAction.Set(command, options, async (c, ct) =>
        {
            var path = c.Parse.GetValue(file)!;
            var artifact = c.Parse.GetValue(name) ?? Path.GetFileName(path);
            var (response, sha, size) = await ArtifactTransfer.UploadAsync(c.Http, c.Parse.GetValue(model)!, c.Parse.GetValue(version)!, artifact, path, ct).ConfigureAwait(false);
            if (c.Json)
            {
                c.WriteJson(response);
            }
            else
            {
                c.Out.WriteLine($"uploaded {artifact}: sha256 {sha}, {size} bytes (verified)");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Download(RegistryOptions options)
    {
        var model = new Argument<string>("model") { Description = "The model." };
        var reference = new Argument<string>("ref") { Description = "A version, alias, production, staging or latest." };
        var name = new Argument<string>("name") { Description = "The artifact's name." };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write it (default: ./NAME); written atomically after the SHA-256 check." };
        var command = new Command("download", "Download an artifact, verified against the server's SHA-256.") { model, reference, name, output };
        RegistryAction.Set(command, options, async (c, ct) =>
        {
            var (m, r, n) = (c.Parse.GetValue(model)!, c.Parse.GetValue(reference)!, c.Parse.GetValue(name)!);
            var target = c.Parse.GetValue(output) ?? Path.GetFileName(n);
            var (sha, size) = await ArtifactTransfer.DownloadAsync(c.Http, m, r, n, target, ct).ConfigureAwait(false);
            c.Out.WriteLine(c.Json
                ? ArtifactTransfer.DownloadJson(m, r, n, Path.GetFullPath(target), sha, size)
                : $"downloaded {n} to {target}: sha256 {sha}, {size} bytes (verified)");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Dictionary<string, string>? Tags(string[] values)
    {
        if (values.Length == 0)
        {
            return null;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var eq = value.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new UsageException($"--tag '{value}': expected key=value.");
            }

            tags[value[..eq].Trim()] = value[(eq + 1)..];
        }

        return tags;
    }

    private static JsonElement? Metadata(string? file, string? json)
    {
        if (file is not null && json is not null)
        {
            throw new UsageException("--metadata and --metadata-json: give one, not both.");
        }

        string where;
        if (file is not null)
        {
            if (!File.Exists(file))
            {
                throw new UsageException($"--metadata {file}: no such file.");
            }

            (where, json) = ($"--metadata {file}", File.ReadAllText(file));
        }
        else if (json is not null)
        {
            where = "--metadata-json";
        }
        else
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? doc.RootElement.Clone()
                : throw new UsageException($"{where}: the metadata must be a JSON object, not {doc.RootElement.ValueKind.ToString().ToLowerInvariant()}.");
        }
        catch (JsonException ex)
        {
            throw new UsageException($"{where}: not valid JSON: {ex.Message}");
        }
    }
}
