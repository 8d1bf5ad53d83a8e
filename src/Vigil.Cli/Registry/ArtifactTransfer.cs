using System.Net;
using System.Text.Json;

namespace Vigil.Cli.Registry;

/// <summary>Artifact upload (streamed from the file, hashed as sent) and download (to a temporary file, verified, then moved into place).</summary>
internal static class ArtifactTransfer
{
    /// <summary>Uploads <paramref name="file"/>; fails (exit 1) when the server's SHA-256 is not the local file's.</summary>
    public static async Task<(RegistryResponse Response, string Sha256, long Size)> UploadAsync(RegistryHttp http, string model, string version, string name, string file, CancellationToken ct)
    {
        if (!File.Exists(file))
        {
            throw new UsageException($"FILE {file}: no such file.");
        }

        await using var hashing = new Sha256ReadStream(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true));
        using var content = new StreamContent(hashing, 1 << 16);
        content.Headers.ContentType = new("application/octet-stream");
        content.Headers.ContentLength = new FileInfo(file).Length;
        using var request = new HttpRequestMessage(HttpMethod.Put, RegistryHttp.PathOf("models", model, "versions", version, "artifacts", name)) { Content = content };
        using var answer = await http.SendHeadersAsync(request, ct).ConfigureAwait(false);
        var response = new RegistryResponse(answer.StatusCode, await answer.Content.ReadAsStringAsync(ct).ConfigureAwait(false)).EnsureSuccess();
        var local = hashing.Sha256();
        var artifact = response.Json();
        var remote = RegistryViews.Str(artifact, "sha256");
        if (!string.Equals(remote, local, StringComparison.OrdinalIgnoreCase))
        {
            throw new RegistryFailure(ExitCodes.CheckFailed, $"checksum mismatch: {file} has SHA-256 {local} ({hashing.BytesRead} bytes sent), the server stored {remote}.");
        }

        return (response, local, hashing.BytesRead);
    }

    /// <summary>
    /// Downloads an artifact to <paramref name="output"/> through a temporary file beside it; the file is moved into
    /// place only when its SHA-256 equals the server's <c>X-Vigil-Sha256</c> header (else exit 1, nothing written).
    /// </summary>
    public static async Task<(string Sha256, long Size)> DownloadAsync(RegistryHttp http, string model, string reference, string name, string output, CancellationToken ct)
    {
        var full = Path.GetFullPath(output);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            throw new UsageException($"--output {output}: the directory {directory} does not exist.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, RegistryHttp.PathOf("models", model, "versions", reference, "artifacts", name));
        using var answer = await http.SendHeadersAsync(request, ct).ConfigureAwait(false);
        if (answer.StatusCode != HttpStatusCode.OK)
        {
            new RegistryResponse(answer.StatusCode, await answer.Content.ReadAsStringAsync(ct).ConfigureAwait(false)).EnsureSuccess();
            throw new RegistryFailure(ExitCodes.CheckFailed, $"the server answered {(int)answer.StatusCode} instead of the artifact's bytes.");
        }

        var expected = answer.Headers.TryGetValues("X-Vigil-Sha256", out var values) ? values.FirstOrDefault() : null;
        if (string.IsNullOrEmpty(expected))
        {
            throw new RegistryFailure(ExitCodes.CheckFailed, $"the server sent {name} without an X-Vigil-Sha256 header: the download cannot be verified.");
        }

        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            string actual;
            long size;
            await using (var source = await answer.Content.ReadAsStreamAsync(ct).ConfigureAwait(false))
            await using (var hashing = new Sha256ReadStream(source))
            {
                await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    await hashing.CopyToAsync(target, 1 << 16, ct).ConfigureAwait(false);
                }

                actual = hashing.Sha256();
                size = hashing.BytesRead;
            }

            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            {
                throw new RegistryFailure(ExitCodes.CheckFailed, $"checksum mismatch: {model}/{reference}/{name} has SHA-256 {actual} ({size} bytes received), the server's X-Vigil-Sha256 says {expected}; {output} was not written.");
            }

            File.Move(temp, full, overwrite: true);
            return (actual, size);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>The artifact's JSON for --format json of a download.</summary>
    public static string DownloadJson(string model, string reference, string name, string path, string sha256, long size) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["model"] = model, ["reference"] = reference, ["name"] = name, ["path"] = path, ["sha256"] = sha256, ["size"] = size });
}
