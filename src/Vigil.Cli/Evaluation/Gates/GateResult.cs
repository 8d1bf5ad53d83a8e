namespace Vigil.Cli.Evaluation.Gates;

/// <summary>The outcome of one gate.</summary>
/// <param name="Gate">The gate.</param>
/// <param name="Value">The metric on this run.</param>
/// <param name="Baseline">The metric on the baseline run (relative gates).</param>
/// <param name="Delta">Current - baseline over the items both runs share (relative gates).</param>
/// <param name="AllowedDelta">The delta the rule allows at the limit (relative gates), e.g. -0.02 for "may drop by 0.02".</param>
/// <param name="Interval">The paired bootstrap interval of <see cref="Delta"/>, when computed.</param>
/// <param name="Passed">Whether the gate passed (docs/eval.md, "Gates").</param>
/// <param name="Note">A one-line explanation.</param>
internal sealed record GateResult(GateRule Gate, double Value, double? Baseline, double? Delta, double? AllowedDelta, BootstrapInterval? Interval, bool Passed, string Note);
