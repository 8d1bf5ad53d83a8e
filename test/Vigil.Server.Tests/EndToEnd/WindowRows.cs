using Vigil.Storage;

namespace Vigil.Server.Tests.EndToEnd;

/// <summary>Reads a store's window rows directly, to tell whether the server's compaction has run.</summary>
internal static class WindowRows
{
    private static readonly string[] Segments = ["", "region:north", "region:south"];

    /// <summary>Window keys of the dataset's range stored as more than one row (deltas not yet compacted).</summary>
    public static async Task<int> UncompactedKeysAsync(IVigilStore store, E2eDataset data)
    {
        var keys = 0;
        foreach (var segment in Segments)
        {
            var rows = await store.GetWindowsAsync(new WindowQuery(E2eDataset.Model, data.Start, data.End, Segment: segment), default);
            keys += rows.GroupBy(r => r.Key).Count(g => g.Count() > 1);
        }

        return keys;
    }

    /// <summary>Polls until every window key of the range is one row (the server compacted them all).</summary>
    public static async Task WaitForCompactionAsync(IVigilStore store, E2eDataset data, ServeProcess server, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var left = await UncompactedKeysAsync(store, data);
            if (left == 0)
            {
                return;
            }

            server.AssertRunning();
            Assert.True(clock.Elapsed < timeout, $"{server.Name}: {left} window keys still hold several rows after {timeout.TotalSeconds} s of compaction");
            await Task.Delay(100);
        }
    }
}
