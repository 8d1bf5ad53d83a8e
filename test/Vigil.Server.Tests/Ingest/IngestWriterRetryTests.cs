using System.Data.Common;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vigil.Core.Events;
using Vigil.Core.Models;
using Vigil.Core.Windows;
using Vigil.Server.Hosting;
using Vigil.Server.Ingest;
using Vigil.Storage;
using Vigil.Storage.Sqlite;

namespace Vigil.Server.Tests.Ingest;

/// <summary>
/// The writer over a real SQLite store whose commits fail on demand: a transient failure is retried and the
/// batch is stored and counted once (its windows recounted from the rows, as the first attempt took the
/// request's windows); a lasting or non-transient failure fails the batch and stores nothing.
/// </summary>
public sealed class IngestWriterRetryTests : IAsyncDisposable
{
    private const int Events = 60;
    private static readonly DateTimeOffset Hour = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static readonly ModelSchema Schema = new(
        "m",
        PredictionType.Binary,
        [new("num_a", FeatureType.Numerical), new("cat_a", FeatureType.Categorical)],
        ["no", "yes"]);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vigil-writer-tests", Guid.NewGuid().ToString("N"));
    private readonly SqliteStore _store;
    private IngestWriter? _writer;

    public IngestWriterRetryTests() => _store = new SqliteStore(_directory);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 1)]
    [InlineData(2, 2)]
    public async Task TransientCommitFailures_AreRetried_AndTheBatchCountsOnce(int failures, int writers)
    {
        var writer = await StartAsync(failures, new TransientFailure(), writers);
        var counts = await SubmitAsync(writer, "a");

        Assert.Equal(new IngestCounts(Events, 0, 0), counts);
        Assert.Equal((Events, 0L, 0L), await _store.CountRawAsync("m", default));
        var (all, segments) = await CountWindowsAsync();
        Assert.Equal(Events, all);
        Assert.Equal(Events, segments); // one segment tag per event
    }

    [Fact]
    public async Task TransientFailures_OnEveryAttempt_FailTheBatch_AndStoreNothing()
    {
        var writer = await StartAsync(IngestWriter.Attempts, new TransientFailure(), writers: 1);
        await Assert.ThrowsAsync<TransientFailure>(() => SubmitAsync(writer, "b"));
        Assert.Equal((0L, 0L, 0L), await _store.CountRawAsync("m", default));
        Assert.Equal((0L, 0L), await CountWindowsAsync());
    }

    [Fact]
    public async Task ANonTransientFailure_IsNotRetried()
    {
        var writer = await StartAsync(1, new InvalidOperationException("disk on fire"), writers: 1);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => SubmitAsync(writer, "c"));
        Assert.Equal("disk on fire", ex.Message);
        Assert.Equal((0L, 0L, 0L), await _store.CountRawAsync("m", default));

        // The next batch commits: the failure was the store's, not the writer's.
        Assert.Equal(new IngestCounts(Events, 0, 0), await SubmitAsync(writer, "d"));
        Assert.Equal(((long)Events, (long)Events), await CountWindowsAsync());
    }

    private async Task<IngestWriter> StartAsync(int failures, Exception failure, int writers)
    {
        await _store.MigrateAsync(default);
        await _store.PutModelAsync(Schema, default);
        var store = FailingStore.Wrap(_store, failures, failure);
        var options = Options.Create(new ServerOptions { DataDirectory = _directory, IngestWriters = writers });
        var writer = new IngestWriter(store, options, new IngestMetrics(), TimeProvider.System, NullLogger<IngestWriter>.Instance);
        await writer.StartAsync(default);
        return _writer = writer;
    }

    /// <summary>Parses and counts a batch as the ingest API does, queues it and waits for its commit.</summary>
    private static async Task<IngestCounts> SubmitAsync(IngestWriter writer, string prefix)
    {
        var parser = new PredictionParser(Schema, TimeProvider.System);
        var windows = new WindowProfileBuilder(Schema);
        var records = new List<PredictionRecord>();
        for (var i = 0; i < Events; i++)
        {
            var at = Hour.AddSeconds(i * 30).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
            var row = $$$"""{"id": "{{{prefix}}}{{{i}}}", "timestamp": "{{{at}}}", "version": "v1", "features": {"num_a": {{{i}}}, "cat_a": "c{{{i % 3}}}"}, "prediction": "yes", "score": 0.75, "segments": {"region": "eu"}}""";
            var e = parser.Parse(Encoding.UTF8.GetBytes(row), i, out var error) ?? throw new InvalidOperationException(error!.ToString());
            windows.AddPrediction(e);
            records.Add(new PredictionRecord(e.Id, e.Timestamp.ToUnixTimeMilliseconds(), e.Version, e.Variant, e.Raw));
        }

        var work = new PredictionWork(Schema, records, [], windows);
        Assert.True(writer.TryEnqueue(work));
        return await work.Done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Events counted in the all-traffic windows and in the "region=eu" segment's windows.</summary>
    private async Task<(long All, long Segment)> CountWindowsAsync()
    {
        long Sum(IReadOnlyList<StoredWindow> rows) => rows.Sum(r => WindowProfileFormat.Read(r.Profile).Count);
        var all = await _store.GetWindowsAsync(new WindowQuery("m", Hour, Hour.AddHours(1)), default);
        var segment = await _store.GetWindowsAsync(new WindowQuery("m", Hour, Hour.AddHours(1), Segment: WindowKey.SegmentOf("region", "eu")), default);
        return (Sum(all), Sum(segment));
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.StopAsync(default); // also when an assertion failed
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A failure the writer may retry (a deadlock, a serialization failure, a busy database).</summary>
    private sealed class TransientFailure : DbException
    {
        public TransientFailure()
            : base("deadlock detected (test)")
        {
        }

        public override bool IsTransient => true;
    }

    /// <summary>The store, whose first <c>failures</c> ingest sessions throw at commit after writing everything.</summary>
    public class FailingStore : DispatchProxy
    {
        private IVigilStore _inner = null!;
        private Exception _failure = null!;
        private int _failures;

        public static IVigilStore Wrap(IVigilStore inner, int failures, Exception failure)
        {
            var proxy = Create<IVigilStore, FailingStore>();
            var self = (FailingStore)(object)proxy;
            (self._inner, self._failures, self._failure) = (inner, failures, failure);
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name == nameof(IVigilStore.BeginIngestAsync))
            {
                return BeginAsync((CancellationToken)args![0]!);
            }

            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                throw ex.InnerException;
            }
        }

        private async Task<IIngestSession> BeginAsync(CancellationToken ct)
        {
            var session = await _inner.BeginIngestAsync(ct);
            return Interlocked.Decrement(ref _failures) >= 0 ? new FailingSession(session, _failure) : session;
        }
    }

    private sealed class FailingSession(IIngestSession inner, Exception failure) : IIngestSession
    {
        public Task<bool[]> InsertPredictionsAsync(string model, IReadOnlyList<PredictionRecord> rows, CancellationToken cancellationToken) => inner.InsertPredictionsAsync(model, rows, cancellationToken);

        public Task<bool[]> InsertLabelsAsync(string model, IReadOnlyList<LabelRecord> rows, CancellationToken cancellationToken) => inner.InsertLabelsAsync(model, rows, cancellationToken);

        public Task<IReadOnlyList<JoinedRecord>> ClaimJoinsAsync(string model, IReadOnlyList<string>? ids, int limit, CancellationToken cancellationToken) => inner.ClaimJoinsAsync(model, ids, limit, cancellationToken);

        public Task AddWindowsAsync(string model, IReadOnlyList<StoredWindow> deltas, CancellationToken cancellationToken) => inner.AddWindowsAsync(model, deltas, cancellationToken);

        public Task AddRejectsAsync(string model, IReadOnlyList<RejectCount> rejects, CancellationToken cancellationToken) => inner.AddRejectsAsync(model, rejects, cancellationToken);

        public Task CommitAsync(CancellationToken cancellationToken) => throw failure;

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
