namespace Vigil.Statistics.Tests.Sketches;

/// <summary>
/// Steady-state allocation measurement. The runtime itself may allocate on the calling thread the first
/// times a method runs (tiered compilation, on-stack replacement, call-counting stubs), so a single
/// measurement can see a few kilobytes that are not the code's. Code that allocates per call allocates in
/// every attempt; the fewest bytes over several attempts is therefore what the code allocates.
/// </summary>
internal static class Allocations
{
    public static long Fewest(Action action, int attempts = 5)
    {
        var fewest = long.MaxValue;
        for (var attempt = 0; attempt < attempts && fewest > 0; attempt++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            action();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
