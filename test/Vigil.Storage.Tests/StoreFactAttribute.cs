using Xunit.Sdk;

namespace Vigil.Storage.Tests;

/// <summary>
/// A fact of the storage contract. In a test class of the <see cref="PostgresFixture.CollectionName"/> collection
/// it is skipped, with the reason, when PostgreSQL is not installed outside CI (xunit 2 has no dynamic skip, so
/// <see cref="StoreFactDiscoverer"/> decides per concrete test class).
/// </summary>
[XunitTestCaseDiscoverer("Vigil.Storage.Tests.StoreFactDiscoverer", "Vigil.Storage.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class StoreFactAttribute : FactAttribute
{
}
