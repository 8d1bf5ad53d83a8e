using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vigil.Core.Windows;
using Vigil.Server.Hosting;
using Vigil.Storage;

namespace Vigil.Server.Ingest;

/// <summary>
/// Background upkeep, safe to run in every server process at once: joins labels that raced with their
/// predictions, compacts window deltas, and deletes raw events past retention (windows are kept).
/// </summary>
internal sealed class MaintenanceService(
    IVigilStore store,
    IOptions<ServerOptions> options,
    IngestMetrics metrics,
    TimeProvider time,
    ILogger<MaintenanceService> logger) : BackgroundService
{
    private readonly ServerOptions _options = options.Value;
    private DateTimeOffset _lastCompaction = DateTimeOffset.MinValue;
    private DateTimeOffset _lastRetention = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.JoinSweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                metrics.Failures.Add(1, new KeyValuePair<string, object?>("operation", "maintenance"));
                logger.LogError(ex, "Maintenance pass failed; it will run again.");
            }
        }
    }

    /// <summary>One pass: sweep joins for every model; compact and apply retention when their intervals are due.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken, bool force = false)
    {
        var models = await store.ListModelsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var schema in models)
        {
            await SweepJoinsAsync(schema, cancellationToken).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        if (force || now - _lastCompaction >= _options.CompactionInterval)
        {
            _lastCompaction = now;
            foreach (var schema in models)
            {
                await store.CompactAsync(schema.Name, MergeWindows, cancellationToken).ConfigureAwait(false);
            }
        }

        if (force || now - _lastRetention >= TimeSpan.FromHours(1))
        {
            _lastRetention = now;
            var deleted = await store.DeleteRawBeforeAsync(now - _options.RawRetention, cancellationToken).ConfigureAwait(false);
            if (deleted > 0)
            {
                logger.LogInformation("Retention deleted {Rows} raw predictions older than {Retention}.", deleted, _options.RawRetention);
            }
        }
    }

    internal static byte[] MergeWindows(IReadOnlyList<byte[]> blobs)
    {
        var merged = new WindowProfile();
        foreach (var b in blobs)
        {
            merged.Merge(WindowProfileFormat.Read(b));
        }

        return WindowProfileFormat.ToBytes(merged);
    }

    private async Task SweepJoinsAsync(Core.Models.ModelSchema schema, CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var session = await store.BeginIngestAsync(cancellationToken).ConfigureAwait(false);
            var joins = await session.ClaimJoinsAsync(schema.Name, null, 10_000, cancellationToken).ConfigureAwait(false);
            if (joins.Count == 0)
            {
                return;
            }

            var deltas = new WindowDeltas(time);
            deltas.AddJoins(schema, joins);
            foreach (var (model, windows) in deltas.Drain())
            {
                await session.AddWindowsAsync(model, windows, cancellationToken).ConfigureAwait(false);
            }

            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
            metrics.Joins.Add(joins.Count);
            if (joins.Count < 10_000)
            {
                return;
            }
        }
    }
}
