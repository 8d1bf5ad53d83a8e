using System.Text;
using Vigil.Core.Windows;

namespace Vigil.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="IVigilStore"/> provider must have. A provider's test class derives from this
/// class and says how to create an empty database and open a store on it; every test runs on its own database.
/// Expected values are computed from the tests' own inputs (counts, ids), never read back from the store first.
/// </summary>
public abstract partial class StoreContractTests : IAsyncLifetime
{
    /// <summary>The model most tests use.</summary>
    protected const string Model = "churn";

    /// <summary>Start of the first window of the tests (2024-01-01T00:00Z).</summary>
    protected static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The window length of the tests.</summary>
    protected static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly List<IVigilStore> _stores = [];
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(3));
    private string _database = string.Empty;

    /// <summary>The store of this test (migrated).</summary>
    protected IVigilStore Store { get; private set; } = null!;

    /// <summary>Cancels a test that hangs.</summary>
    protected CancellationToken Ct => _timeout.Token;

    /// <summary>Creates an empty database (a directory, a connection string) and returns where it is.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    /// <summary>Opens a new store instance on <paramref name="database"/> (not migrated).</summary>
    protected abstract IVigilStore CreateStore(string database);

    /// <summary>Removes what <see cref="CreateDatabaseAsync"/> made, after every store is disposed.</summary>
    protected virtual Task DeleteDatabasesAsync() => Task.CompletedTask;

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        Store = await OpenAsync();
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        _timeout.Dispose();
        await DeleteDatabasesAsync();
    }

    /// <summary>Opens and migrates another store instance on this test's database (another "process").</summary>
    protected async Task<IVigilStore> OpenAsync(string? database = null, bool migrate = true)
    {
        var store = CreateStore(database ?? _database);
        _stores.Add(store);
        if (migrate)
        {
            await store.MigrateAsync(Ct);
        }

        return store;
    }

    /// <summary>A prediction whose raw JSON names its id and a marker.</summary>
    protected static PredictionRecord Prediction(string id, DateTimeOffset time, string version = "v1", string variant = "primary", string marker = "a") =>
        new(id, time.ToUnixTimeMilliseconds(), version, variant, Raw(id, marker));

    /// <summary>The raw JSON of <see cref="Prediction"/>.</summary>
    protected static byte[] Raw(string id, string marker = "a") => Encoding.UTF8.GetBytes($$"""{"id":"{{id}}","m":"{{marker}}"}""");

    /// <summary>A classification label.</summary>
    protected static LabelRecord Label(string id, string label = "yes", long ts = 1_704_070_000_000) => new(id, label, double.NaN, ts);

    /// <summary>A window payload with <paramref name="count"/> events, a numerical feature x (values 1..count) and a categorical c.</summary>
    protected static byte[] Profile(long count, string category = "a")
    {
        var w = new WindowProfile { Count = count };
        var x = w.Feature("x", categorical: false);
        var c = w.Feature("c", categorical: true);
        for (var i = 1; i <= count; i++)
        {
            x.Add(i);
            c.AddLabel(category);
        }

        return WindowProfileFormat.ToBytes(w);
    }

    /// <summary>The compaction merge: reads every delta, merges, writes one.</summary>
    protected static byte[] Merge(IReadOnlyList<byte[]> deltas) =>
        WindowProfileFormat.ToBytes(WindowProfile.Merge(deltas.Select(d => WindowProfileFormat.Read(d))));

    /// <summary>A window row.</summary>
    protected static StoredWindow Window(DateTimeOffset start, long count, string version = "v1", string variant = "primary", string segment = "", string category = "a") =>
        new(new WindowKey(version, variant, segment, start), Profile(count, category));

    /// <summary>Runs one ingest transaction and commits it.</summary>
    protected static async Task<T> IngestAsync<T>(IVigilStore store, Func<IIngestSession, Task<T>> work, CancellationToken ct)
    {
        await using var session = await store.BeginIngestAsync(ct);
        var result = await work(session);
        await session.CommitAsync(ct);
        return result;
    }

    /// <summary>The merged profile of every window row of <paramref name="query"/>.</summary>
    protected async Task<WindowProfile> MergedAsync(WindowQuery query, IVigilStore? store = null) =>
        WindowProfile.Merge((await (store ?? Store).GetWindowsAsync(query, Ct)).Select(w => WindowProfileFormat.Read(w.Profile)));

    /// <summary>All windows of <see cref="Model"/> in the first ten days, all traffic.</summary>
    protected static WindowQuery AllWindows(string segment = "") => new(Model, T0.AddDays(-1), T0.AddDays(10), Segment: segment);
}
