namespace Vigil.Storage.Tests;

/// <summary>Test classes in this collection share one PostgreSQL server (each test uses its own database).</summary>
[CollectionDefinition(PostgresFixture.CollectionName)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
}
