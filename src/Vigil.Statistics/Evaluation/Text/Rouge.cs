namespace Vigil.Statistics.Evaluation.Text;

/// <summary>ROUGE-N and ROUGE-L as google-research's rouge-score computes them (<c>rouge/rouge_scorer.py</c>).</summary>
/// <remarks>
/// Default tokenizer (<c>rouge/tokenize.py</c>, no stemmer): Python <c>lower()</c>, every run of characters outside
/// [a-z0-9] becomes a space, split, keep tokens matching <c>^[a-z0-9]+$</c>. The only characters outside ASCII whose
/// Python lowercase contains [a-z] are U+0130 (İ → "i̇", so "i" then a separator) and the Kelvin sign (→ "k").
/// </remarks>
internal static class Rouge
{
    /// <summary>rouge-score's default tokenization, without stemming.</summary>
    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        Span<char> buffer = text.Length <= 512 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        foreach (var c in text)
        {
            var mapped = c switch
            {
                >= 'a' and <= 'z' or >= '0' and <= '9' => c,
                >= 'A' and <= 'Z' => (char)(c + 32),
                '\u212A' => 'k',
                '\u0130' => 'i',
                _ => '\0',
            };

            if (mapped != '\0')
            {
                buffer[length++] = mapped;
            }

            if (mapped == '\0' || c == '\u0130')
            {
                Flush(tokens, buffer, ref length);
            }
        }

        Flush(tokens, buffer, ref length);
        return tokens;
    }

    /// <summary>ROUGE-N: clipped n-gram overlap / prediction n-grams (P) and / target n-grams (R), counts floored at 1.</summary>
    public static RougeScore NGram(IReadOnlyList<string> targetTokens, IReadOnlyList<string> predictionTokens, int n)
    {
        var target = ExactOrder(targetTokens, n, out var targetCount);
        var prediction = ExactOrder(predictionTokens, n, out var predictionCount);
        var intersection = 0;
        foreach (var (ngram, count) in target)
        {
            intersection += Math.Min(count, prediction.GetValueOrDefault(ngram));
        }

        return RougeScore.FromPrecisionRecall(
            (double)intersection / Math.Max(predictionCount, 1), (double)intersection / Math.Max(targetCount, 1));
    }

    /// <summary>ROUGE-L: LCS length / prediction length (P) and / target length (R); all zero when either is empty.</summary>
    public static RougeScore Lcs(IReadOnlyList<string> targetTokens, IReadOnlyList<string> predictionTokens)
    {
        if (targetTokens.Count == 0 || predictionTokens.Count == 0)
        {
            return new RougeScore(0, 0, 0);
        }

        var lcs = LcsLength(targetTokens, predictionTokens);
        return RougeScore.FromPrecisionRecall((double)lcs / predictionTokens.Count, (double)lcs / targetTokens.Count);
    }

    /// <summary>Length of the longest common subsequence, by the usual dynamic programme over two rows.</summary>
    public static int LcsLength(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            var token = a[i - 1];
            for (var j = 1; j <= b.Count; j++)
            {
                current[j] = string.Equals(token, b[j - 1], StringComparison.Ordinal)
                    ? previous[j - 1] + 1
                    : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Count];
    }

    private static Dictionary<string, int> ExactOrder(IReadOnlyList<string> tokens, int n, out int total)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        total = Math.Max(0, tokens.Count - n + 1);
        for (var i = 0; i + n <= tokens.Count; i++)
        {
            var key = tokens[i];
            for (var k = 1; k < n; k++)
            {
                key = string.Concat(key, " ", tokens[i + k]);
            }

            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }

    private static void Flush(List<string> tokens, Span<char> buffer, ref int length)
    {
        if (length > 0)
        {
            tokens.Add(new string(buffer[..length]));
            length = 0;
        }
    }
}
