namespace Vigil.Cli.Evaluation.Gates;

/// <summary>The comparison of a gate.</summary>
internal enum GateComparison
{
    /// <summary><c>&gt;=</c></summary>
    AtLeast,

    /// <summary><c>&gt;</c></summary>
    Above,

    /// <summary><c>&lt;=</c></summary>
    AtMost,

    /// <summary><c>&lt;</c></summary>
    Below,
}
