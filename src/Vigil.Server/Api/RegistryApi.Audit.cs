using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Vigil.Server.Registry;
using Vigil.Storage.Registry;

namespace Vigil.Server.Api;

/// <summary>History, audit, verification and baselines.</summary>
internal static partial class RegistryApi
{
    private static async Task<IResult> History(string model, HttpRequest request, IRegistryStore store, CancellationToken ct) =>
        await AuditCore(model, request, store, ct);

    private static async Task<IResult> Audit(HttpRequest request, IRegistryStore store, CancellationToken ct) =>
        await AuditCore(request.Query["model"].FirstOrDefault(), request, store, ct);

    private static async Task<IResult> AuditCore(string? model, HttpRequest request, IRegistryStore store, CancellationToken ct)
    {
        if (ReadAuditQuery(model, request, out var query) is { } problem)
        {
            return Problems.BadRequest(problem);
        }

        var entries = await store.GetAuditAsync(query!, ct);
        return TypedResults.Ok(entries.Select(AuditEntryDto.Of).ToList());
    }

    private static string? ReadAuditQuery(string? model, HttpRequest request, out AuditQuery? query)
    {
        query = null;
        DateTimeOffset? from = null, to = null;
        long after = 0;
        var limit = 1000;
        var q = request.Query;
        if (q["from"].FirstOrDefault() is { } f)
        {
            if (!DateTimeOffset.TryParse(f, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var v))
            {
                return $"from: '{f}' is not an ISO 8601 time.";
            }

            from = v;
        }

        if (q["to"].FirstOrDefault() is { } t)
        {
            if (!DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var v))
            {
                return $"to: '{t}' is not an ISO 8601 time.";
            }

            to = v;
        }

        if (q["after"].FirstOrDefault() is { } a && (!long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out after)))
        {
            return $"after: '{a}' is not a sequence number.";
        }

        if (q["limit"].FirstOrDefault() is { } l && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 10_000))
        {
            return $"limit: '{l}' must be from 1 to 10000.";
        }

        query = new AuditQuery(model, from, to, after, limit);
        return null;
    }

    private static async Task<IResult> VerifyAudit(IRegistryStore store, CancellationToken ct)
    {
        var count = new StrongBox<long>();
        var broken = await AuditChain.VerifyAsync(store.ReadAuditAsync(ct), count);
        return TypedResults.Ok(new AuditVerification(broken is null, count.Value, broken?.Seq, broken?.Reason));
    }

    private static async Task<IResult> Baseline(string model, HttpRequest request, IRegistryStore store, CancellationToken ct)
    {
        if (await store.GetBaselineAsync(model, ct) is not { } b)
        {
            return Problems.NotFound($"model '{model}' has no baseline yet: one is recorded when a version is promoted to production.");
        }

        if (request.Query["format"].FirstOrDefault() == "vprof")
        {
            return b.ReferenceProfile is { } bytes
                ? TypedResults.File(bytes, "application/octet-stream", $"{model}-{b.Version}-baseline.vprof")
                : Problems.NotFound($"the baseline of '{model}' ({b.Version}) has no reference profile: none was registered for {b.Version} when it was promoted.");
        }

        JsonElement? metrics = null;
        if (b.MetricsJson is { } m)
        {
            using var doc = JsonDocument.Parse(m);
            metrics = doc.RootElement.Clone();
        }

        return TypedResults.Ok(new BaselineDto(b.Model, b.Version, b.At, b.EvalRunId, metrics, b.ReferenceProfile is not null, b.ReferenceProfile?.LongLength ?? 0));
    }
}
