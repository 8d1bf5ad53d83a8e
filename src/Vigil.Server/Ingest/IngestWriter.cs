using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vigil.Server.Hosting;
using Vigil.Storage;

namespace Vigil.Server.Ingest;

/// <summary>
/// The writers of this process (<see cref="ServerOptions.EffectiveIngestWriters"/>, one on SQLite): each takes
/// validated batches from one bounded queue and commits as many as are waiting (up to
/// <see cref="ServerOptions.MaxEventsPerCommit"/> events) in one transaction — raw rows, label joins and window
/// deltas together — then completes each batch. A request is answered only after its commit, so a 2xx means
/// durable. Group commit amortises the fsync over every batch waiting at that moment. A transaction that fails
/// with a transient error (a deadlock or serialization failure between concurrent transactions, a busy
/// database) is retried from the start, up to <see cref="Attempts"/> times; nothing of a failed attempt is stored.
/// </summary>
internal sealed class IngestWriter : BackgroundService
{
    private readonly Channel<IngestWork> _queue;
    private readonly IVigilStore _store;
    private readonly ServerOptions _options;
    private readonly IngestMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<IngestWriter> _logger;
    private int _depth;

    /// <summary>Attempts at one transaction before its batches fail.</summary>
    internal const int Attempts = 3;

    public IngestWriter(IVigilStore store, IOptions<ServerOptions> options, IngestMetrics metrics, TimeProvider time, ILogger<IngestWriter> logger)
    {
        _store = store;
        _options = options.Value;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<IngestWork>(new BoundedChannelOptions(_options.IngestQueueCapacity) { SingleReader = _options.EffectiveIngestWriters == 1, FullMode = BoundedChannelFullMode.Wait });
        metrics.ObserveQueue(() => Volatile.Read(ref _depth));
    }

    /// <summary>Batches waiting.</summary>
    public int QueueDepth => Volatile.Read(ref _depth);

    /// <summary>Queues a batch; false when the queue is full (the caller answers 503 with Retry-After).</summary>
    public bool TryEnqueue(IngestWork work)
    {
        if (!_queue.Writer.TryWrite(work))
        {
            return false;
        }

        Interlocked.Increment(ref _depth);
        return true;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var writers = new Task[_options.EffectiveIngestWriters];
        for (var i = 0; i < writers.Length; i++)
        {
            writers[i] = Task.Run(() => WriteAsync(stoppingToken), stoppingToken);
        }

        return Task.WhenAll(writers);
    }

    private async Task WriteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<IngestWork>();
        while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            batch.Clear();
            var events = 0;
            while (events < _options.MaxEventsPerCommit && _queue.Reader.TryRead(out var work))
            {
                Interlocked.Decrement(ref _depth);
                batch.Add(work);
                events += work.Size;
            }

            await CommitAsync(batch, stoppingToken).ConfigureAwait(false);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task CommitAsync(List<IngestWork> batch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var results = new IngestCounts[batch.Count];
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await TryCommitAsync(batch, results, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (DbException ex) when (ex.IsTransient && attempt < Attempts && !cancellationToken.IsCancellationRequested)
            {
                _metrics.Failures.Add(1, new KeyValuePair<string, object?>("operation", "ingest_commit_retried"));
                _logger.LogWarning(ex, "Ingest commit of {Batches} batches failed (attempt {Attempt} of {Attempts}); nothing of it was stored, retrying.", batch.Count, attempt, Attempts);
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _metrics.Failures.Add(1, new KeyValuePair<string, object?>("operation", "ingest_commit"));
                _logger.LogError(ex, "Ingest commit of {Batches} batches failed; nothing of them was stored.", batch.Count);
                foreach (var w in batch)
                {
                    w.Done.TrySetException(ex);
                }

                return;
            }
            catch (OperationCanceledException ex)
            {
                foreach (var w in batch)
                {
                    w.Done.TrySetCanceled(ex.CancellationToken);
                }

                return;
            }
        }

        _metrics.Commits.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        for (var i = 0; i < batch.Count; i++)
        {
            _metrics.Joins.Add(results[i].Joined);
            batch[i].Done.TrySetResult(results[i]);
        }
    }

    /// <summary>One attempt: the whole batch in one transaction, or nothing (the transaction rolls back).</summary>
    private async Task TryCommitAsync(List<IngestWork> batch, IngestCounts[] results, CancellationToken cancellationToken)
    {
        await using var session = await _store.BeginIngestAsync(cancellationToken).ConfigureAwait(false);
        var deltas = new WindowDeltas(_time);

        // The window deltas are counted on another thread while the store takes the next batch's rows: one
        // batch after the other, in batch order, so the result is the same as counting them here.
        var counted = Task.CompletedTask;
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                Action count;
                (results[i], count) = batch[i] switch
                {
                    PredictionWork p => await WritePredictionsAsync(session, deltas, p, cancellationToken).ConfigureAwait(false),
                    LabelWork l => await WriteLabelsAsync(session, deltas, l, cancellationToken).ConfigureAwait(false),
                    _ => throw new UnreachableException(),
                };
                counted = ThenAsync(counted, count);
            }
        }
        finally
        {
            await counted.ConfigureAwait(false); // never leave a count running past the transaction, even on failure
        }

        foreach (var (model, windows) in deltas.Drain())
        {
            await session.AddWindowsAsync(model, windows, cancellationToken).ConfigureAwait(false);
        }

        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ThenAsync(Task previous, Action next)
    {
        await previous.ConfigureAwait(false);
        await Task.Run(next).ConfigureAwait(false);
    }

    /// <summary>Stores the batch's rows and claims its joins; returns the counts and how to count its windows.</summary>
    private async Task<(IngestCounts Counts, Action CountWindows)> WritePredictionsAsync(IIngestSession session, WindowDeltas deltas, PredictionWork work, CancellationToken ct)
    {
        var model = work.Schema.Name;
        var inserted = await session.InsertPredictionsAsync(model, work.Records, ct).ConfigureAwait(false);
        var newIds = NewIds(inserted, work.Records, r => r.Id);

        var joins = newIds.Count == 0 ? [] : await session.ClaimJoinsAsync(model, newIds, int.MaxValue, ct).ConfigureAwait(false);
        if (work.Rejects.Count > 0)
        {
            await session.AddRejectsAsync(model, work.Rejects, ct).ConfigureAwait(false);
        }

        return (new IngestCounts(newIds.Count, inserted.Length - newIds.Count, joins.Count), () =>
        {
            deltas.AddPredictions(work.Schema, work.Records, inserted, work.TakeWindows());
            deltas.AddJoins(work.Schema, joins);
        });
    }

    private async Task<(IngestCounts Counts, Action CountWindows)> WriteLabelsAsync(IIngestSession session, WindowDeltas deltas, LabelWork work, CancellationToken ct)
    {
        var model = work.Schema.Name;
        var records = new List<LabelRecord>(work.Labels.Count);
        foreach (var l in work.Labels)
        {
            records.Add(new LabelRecord(l.Id, l.Label, l.Value, l.Timestamp.ToUnixTimeMilliseconds()));
        }

        var inserted = await session.InsertLabelsAsync(model, records, ct).ConfigureAwait(false);
        var newIds = NewIds(inserted, records, r => r.Id);

        var joins = newIds.Count == 0 ? [] : await session.ClaimJoinsAsync(model, newIds, int.MaxValue, ct).ConfigureAwait(false);
        return (new IngestCounts(newIds.Count, inserted.Length - newIds.Count, joins.Count), () => deltas.AddJoins(work.Schema, joins));
    }

    private static List<string> NewIds<T>(bool[] inserted, IReadOnlyList<T> rows, Func<T, string> id)
    {
        var ids = new List<string>();
        for (var i = 0; i < inserted.Length; i++)
        {
            if (inserted[i])
            {
                ids.Add(id(rows[i]));
            }
        }

        return ids;
    }
}
