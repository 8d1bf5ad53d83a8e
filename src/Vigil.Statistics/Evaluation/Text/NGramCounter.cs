using System.Runtime.InteropServices;
using System.Text;

namespace Vigil.Statistics.Evaluation.Text;

/// <summary>Counters of word and character n-grams (Python <c>collections.Counter</c> over tuples or slices).</summary>
internal static class NGramCounter
{
    /// <summary>
    /// Counts of all word n-grams with 1 ≤ n ≤ <paramref name="maxOrder"/>, keyed by the tokens joined with one space
    /// (tokens never contain whitespace, so the key is unambiguous and its order is its space count + 1).
    /// </summary>
    public static Dictionary<string, int> WordNgrams(IReadOnlyList<string> tokens, int maxOrder)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var builder = new StringBuilder();
        for (var n = 1; n <= maxOrder; n++)
        {
            for (var i = 0; i + n <= tokens.Count; i++)
            {
                builder.Clear();
                builder.Append(tokens[i]);
                for (var k = 1; k < n; k++)
                {
                    builder.Append(' ').Append(tokens[i + k]);
                }

                ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, builder.ToString(), out _);
                count++;
            }
        }

        return counts;
    }

    /// <summary>The order of a key made by <see cref="WordNgrams"/>.</summary>
    public static int Order(string ngram) => ngram.AsSpan().Count(' ') + 1;

    /// <summary>
    /// Counts of the character n-grams of order <paramref name="n"/> over code points (Python slices <c>line[i:i+n]</c>).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="boundaries">UTF-16 offset of every code point of <paramref name="text"/>, plus its length at the end.</param>
    /// <param name="n">The order.</param>
    public static Dictionary<string, int> CharNgrams(string text, ReadOnlySpan<int> boundaries, int n)
    {
        var codePoints = boundaries.Length - 1;
        var counts = new Dictionary<string, int>(Math.Max(0, codePoints - n + 1), StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var i = 0; i + n <= codePoints; i++)
        {
            var slice = text.AsSpan(boundaries[i], boundaries[i + n] - boundaries[i]);
            ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, slice, out _);
            count++;
        }

        return counts;
    }

    /// <summary>UTF-16 offsets of the code points of <paramref name="text"/>, with the length appended.</summary>
    public static int[] CodePointBoundaries(string text)
    {
        var boundaries = new List<int>(text.Length + 1);
        var offset = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            boundaries.Add(offset);
            offset += rune.Utf16SequenceLength;
        }

        boundaries.Add(offset);
        return [.. boundaries];
    }
}
