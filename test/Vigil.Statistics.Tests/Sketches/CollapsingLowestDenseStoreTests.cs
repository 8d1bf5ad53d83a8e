using Vigil.Statistics.Sketches;

namespace Vigil.Statistics.Tests.Sketches;

public class CollapsingLowestDenseStoreTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(100)]
    public void Add_RandomIndices_MatchesTheCanonicalFoldOfTheMultiset(int maxBins)
    {
        var random = new Random(maxBins);
        for (var trial = 0; trial < 200; trial++)
        {
            var indices = RandomIndices(random);
            var store = new CollapsingLowestDenseStore(maxBins);
            foreach (var index in indices)
            {
                store.Add(index);
            }

            AssertCanonical(store, indices, maxBins, $"trial {trial}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public void MergeFrom_RandomSplits_MatchesTheCanonicalFoldOfTheUnion(int maxBins)
    {
        var random = new Random(100 + maxBins);
        for (var trial = 0; trial < 200; trial++)
        {
            var indices = RandomIndices(random);
            var parts = Enumerable.Range(0, 3).Select(_ => new CollapsingLowestDenseStore(maxBins)).ToArray();
            foreach (var index in indices)
            {
                parts[random.Next(3)].Add(index, 1);
            }

            parts[2].MergeFrom(parts[1]);
            parts[0].MergeFrom(parts[2]);

            AssertCanonical(parts[0], indices, maxBins, $"trial {trial}");
        }
    }

    [Fact]
    public void ShrinkTo_FoldsLikeAStoreBuiltWithTheSmallerLimit()
    {
        var random = new Random(5);
        for (var trial = 0; trial < 100; trial++)
        {
            var indices = RandomIndices(random);
            var store = new CollapsingLowestDenseStore(200);
            foreach (var index in indices)
            {
                store.Add(index);
            }

            store.ShrinkTo(10);
            AssertCanonical(store, indices, 10, $"trial {trial}");

            // It keeps working with the new limit.
            store.Add(indices[0] + 50);
            AssertCanonical(store, [.. indices, indices[0] + 50], 10, $"trial {trial} after add");
        }
    }

    private static int[] RandomIndices(Random random)
    {
        var n = random.Next(1, 60);
        var center = random.Next(-1000, 1000);
        var spread = random.Next(1, 300);
        return Enumerable.Range(0, n).Select(_ => center + random.Next(-spread, spread + 1)).ToArray();
    }

    /// <summary>Reference: bins [max(m, M − B + 1), M] exact, and the lowest kept bin also holds all counts below it.</summary>
    private static void AssertCanonical(CollapsingLowestDenseStore store, int[] indices, int maxBins, string what)
    {
        var max = indices.Max();
        var floor = Math.Max(indices.Min(), max - maxBins + 1);
        var expected = new Dictionary<int, long>();
        foreach (var index in indices)
        {
            var bin = Math.Max(index, floor);
            expected[bin] = expected.GetValueOrDefault(bin) + 1;
        }

        Assert.Equal(indices.Length, store.TotalCount);
        Assert.Equal(floor, store.MinIndex);
        Assert.Equal(max, store.MaxIndex);
        for (var index = floor - 5; index <= max + 5; index++)
        {
            Assert.True(expected.GetValueOrDefault(index) == store[index], $"{what}: bin {index} holds {store[index]}, expected {expected.GetValueOrDefault(index)}");
        }
    }
}
