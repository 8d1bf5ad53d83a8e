using Xunit.Abstractions;
using Xunit.Sdk;

namespace Vigil.Storage.Tests;

/// <summary>Discovers <see cref="StoreFactAttribute"/> tests, skipping those of the PostgreSQL collection when it cannot run.</summary>
public sealed class StoreFactDiscoverer : IXunitTestCaseDiscoverer
{
    private readonly IMessageSink _diagnostics;

    /// <summary>Called by xunit.</summary>
    public StoreFactDiscoverer(IMessageSink diagnosticMessageSink) => _diagnostics = diagnosticMessageSink;

    /// <inheritdoc/>
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var skip = factAttribute.GetNamedArgument<string>(nameof(FactAttribute.Skip));
        if (skip is null && InPostgresCollection(testMethod.TestClass.Class))
        {
            skip = PostgresFixture.SkipReason;
        }

        return skip is null
            ? [new XunitTestCase(_diagnostics, display, displayOptions, testMethod)]
            : [new SkippedTestCase(_diagnostics, display, displayOptions, testMethod, skip)];
    }

    private static bool InPostgresCollection(ITypeInfo type) =>
        type.GetCustomAttributes(typeof(CollectionAttribute).AssemblyQualifiedName)
            .Any(a => a.GetConstructorArguments().FirstOrDefault() is string name && name == PostgresFixture.CollectionName);
}
