using Vigil.Storage.Registry;

namespace Vigil.Storage.Tests.Registry;

/// <summary>
/// The behaviour every <see cref="IRegistryStore"/> provider must have. A provider's test class derives from this
/// class and says how to create an empty database, open a store on it and run raw SQL on it; every test runs on
/// its own database. Expected values are the tests' own inputs, never read back from the store first.
/// </summary>
public abstract partial class RegistryContractTests : IAsyncLifetime
{
    /// <summary>The model most tests use.</summary>
    protected const string Model = "churn";

    /// <summary>A time with milliseconds (2024-03-01T12:00:00.123Z), to see that they survive.</summary>
    protected static readonly DateTimeOffset T0 = new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.Zero).AddMilliseconds(123);

    private readonly List<IAsyncDisposable> _stores = [];
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(3));

    /// <summary>The store of this test (migrated), on <see cref="Database"/>, with <see cref="Clock"/>.</summary>
    protected IRegistryStore Store { get; private set; } = null!;

    /// <summary>This test's database.</summary>
    protected string Database { get; private set; } = string.Empty;

    /// <summary>The clock of the stores (webhook delivery times): starts at <see cref="T0"/>.</summary>
    protected ManualClock Clock { get; } = new(T0);

    /// <summary>Cancels a test that hangs.</summary>
    protected CancellationToken Ct => _timeout.Token;

    /// <summary>Creates an empty database (a directory, a connection string) and returns where it is.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    /// <summary>Opens a new registry store on <paramref name="database"/> (not migrated).</summary>
    protected abstract IRegistryStore CreateStore(string database, TimeProvider time);

    /// <summary>Opens the monitoring store of the same provider on <paramref name="database"/> (not migrated).</summary>
    protected abstract IVigilStore CreateMonitoringStore(string database);

    /// <summary>Runs raw SQL (the same text on both providers) on this test's database; returns the first column of the first row.</summary>
    protected abstract Task<object?> RawAsync(string sql);

    /// <summary>Removes what <see cref="CreateDatabaseAsync"/> made, after every store is disposed.</summary>
    protected virtual Task DeleteDatabasesAsync() => Task.CompletedTask;

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
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

    /// <summary>Opens (and migrates) another store instance on this test's database: another "process".</summary>
    protected async Task<IRegistryStore> OpenAsync(string? database = null, bool migrate = true)
    {
        var store = CreateStore(database ?? Database, Clock);
        _stores.Add(store);
        if (migrate)
        {
            await store.MigrateAsync(Ct);
        }

        return store;
    }

    /// <summary>Opens (and migrates) the monitoring store on <paramref name="database"/>.</summary>
    protected async Task<IVigilStore> OpenMonitoringAsync(string database, bool migrate = true)
    {
        var store = CreateMonitoringStore(database);
        _stores.Add(store);
        if (migrate)
        {
            await store.MigrateAsync(Ct);
        }

        return store;
    }

    /// <summary>Writes <paramref name="change"/> unconditionally; returns what <see cref="IRegistryStore.ChangeAsync{T}"/> returned.</summary>
    protected Task<bool> WriteAsync(RegistryChange change, string model = Model, IRegistryStore? store = null) =>
        (store ?? Store).ChangeAsync(model, _ => new RegistryDecision<bool>(true, change), Ct);

    /// <summary>A model with tags and a policy.</summary>
    protected static RegistryModel NewModel(string name, DateTimeOffset at) =>
        new(name, $"model {name}", new Dictionary<string, string> { ["team"] = "risk", ["tier"] = "1" }, """{"requireApproval":true}""", at, at.AddMilliseconds(1));

    /// <summary>A version with every field set (stage since 7 ms after creation, one artifact).</summary>
    protected static RegistryVersion NewVersion(string model, string version, Stage stage, DateTimeOffset at, string? parent = null) =>
        new(model, version, $"version {version}", new Dictionary<string, string> { ["git"] = "abc123", ["owner"] = "ana" },
            """{"framework":"sklearn","params":{"C":0.5},"auc":0.91}""", parent, "sha256:" + new string('d', 64), "ready", stage, at.AddMilliseconds(7),
            [new ArtifactRef("model.onnx", new string('a', 64), 123_456, at.AddMilliseconds(3)), new ArtifactRef("tokenizer.json", new string('b', 64), 42, at.AddMilliseconds(5))],
            at, "alice");

    /// <summary>An audit draft with every field set.</summary>
    protected static AuditDraft Audit(string model, string action, DateTimeOffset at, string? version = null, string? reason = "because") =>
        new(at, "alice", model, version, action, reason, """{"stage":"none"}""", """{"stage":"staging"}""");

    /// <summary>Registers <paramref name="model"/> with versions v1..v<paramref name="versions"/> in <paramref name="stage"/>.</summary>
    protected async Task SeedAsync(string model, int versions, Stage stage = Stage.Staging, IRegistryStore? store = null)
    {
        var list = new List<RegistryVersion>();
        for (var i = 1; i <= versions; i++)
        {
            list.Add(NewVersion(model, "v" + i, stage, T0.AddSeconds(i)));
        }

        await WriteAsync(new RegistryChange { Model = NewModel(model, T0), Versions = list, Audit = [Audit(model, "version_created", T0)] }, model, store);
    }

    /// <summary>Asserts every field of two versions (tags as dictionaries, artifacts as lists).</summary>
    protected static void AssertVersion(RegistryVersion expected, RegistryVersion actual)
    {
        Assert.Equal(expected with { Tags = null!, Artifacts = null! }, actual with { Tags = null!, Artifacts = null! });
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.Artifacts, actual.Artifacts);
    }

    /// <summary>Asserts every field of two models.</summary>
    protected static void AssertModel(RegistryModel expected, RegistryModel? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Tags = null! }, actual with { Tags = null! });
        Assert.Equal(expected.Tags, actual.Tags);
    }
}
