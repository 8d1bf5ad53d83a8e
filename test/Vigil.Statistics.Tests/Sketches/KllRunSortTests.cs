using Vigil.Statistics.Sketches;

namespace Vigil.Statistics.Tests.Sketches;

public class KllRunSortTests
{
    [Fact]
    public void Networks_SortEveryZeroOneInput_UpTo16()
    {
        // 0-1 principle (Knuth, TAOCP 5.3.4): a comparator network sorts every input iff it sorts every 0-1 input.
        for (var n = 0; n <= 16; n++)
        {
            var network = KllRunSort.Network(n).ToArray();
            for (var bits = 0; bits < 1 << n; bits++)
            {
                var v = new int[n];
                for (var i = 0; i < n; i++)
                {
                    v[i] = (bits >> i) & 1;
                }

                for (var c = 0; c < network.Length; c += 2)
                {
                    if (v[network[c]] > v[network[c + 1]])
                    {
                        (v[network[c]], v[network[c + 1]]) = (v[network[c + 1]], v[network[c]]);
                    }
                }

                for (var i = 1; i < n; i++)
                {
                    Assert.True(v[i - 1] <= v[i], $"n = {n}: input {bits} not sorted");
                }
            }
        }
    }

    [Fact]
    public void Sort_EveryLengthUpTo300_MatchesArraySort()
    {
        var random = new Random(1);
        double[] scratch = [];
        for (var length = 0; length <= 300; length++)
        {
            foreach (var ties in (bool[])[false, true])
            {
                var buffer = new double[length + 10];
                for (var i = 0; i < buffer.Length; i++)
                {
                    buffer[i] = ties ? random.Next(5) : (random.NextDouble() - 0.5) * 1e6;
                }

                var expected = (double[])buffer.Clone();
                Array.Sort(expected, 5, length);
                KllRunSort.Sort(buffer, 5, length, ref scratch);
                Assert.Equal(expected, buffer); // the items outside the run are untouched
            }
        }
    }
}
