using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Vigil.Storage.Tests;

/// <summary>A test case skipped with a reason decided at discovery (serialized with the case).</summary>
public sealed class SkippedTestCase : XunitTestCase
{
    private string _reason = string.Empty;

    /// <summary>For the deserializer only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippedTestCase()
    {
    }

    /// <summary>A case of <paramref name="testMethod"/> skipped because of <paramref name="reason"/>.</summary>
    public SkippedTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod, string reason)
        : base(diagnosticMessageSink, display, displayOptions, testMethod)
    {
        _reason = reason;
    }

    /// <inheritdoc/>
    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("SkipReasonOverride", _reason);
    }

    /// <inheritdoc/>
    public override void Deserialize(IXunitSerializationInfo data)
    {
        _reason = data.GetValue<string>("SkipReasonOverride");
        base.Deserialize(data);
    }

    /// <inheritdoc/>
    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;
}
