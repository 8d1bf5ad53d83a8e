using System.Runtime.InteropServices;
using System.Text;
using Vigil.Statistics.Evaluation.Text;

namespace Vigil.Statistics.Evaluation.Extraction;

/// <summary>The official SQuAD v1.1 answer normalization, exact match and token F1 (<c>evaluate-v1.1.py</c>).</summary>
/// <remarks>
/// <para>
/// <c>normalize_answer</c>: Python <c>str.lower()</c>; remove the ASCII punctuation of <c>string.punctuation</c>
/// (Unicode punctuation such as ’ “ — stays); replace each whole word a, an, the by a space, where word boundaries are those of
/// Python's <c>re</c> (<c>\b</c> between a letter or number of any script or '_' and anything else, so a combining mark
/// ends a word); split on Python whitespace and join with single spaces.
/// </para>
/// <para>
/// Exact match: the normalized strings are equal (two answers that normalize to empty match). Token F1: with the multiset
/// overlap s = Σ_t min(count_pred(t), count_truth(t)) of the normalized tokens, 0 when s = 0 (so also when both are empty),
/// else 2 P R / (P + R) with P = s / |pred| and R = s / |truth|. Several ground truths: the maximum over them
/// (<c>metric_max_over_ground_truths</c>).
/// </para>
/// <para>Reference: P. Rajpurkar et al., "SQuAD: 100,000+ Questions for Machine Comprehension of Text" (EMNLP 2016).</para>
/// </remarks>
public static class Squad
{
    /// <summary>SQuAD v1.1's <c>normalize_answer</c>.</summary>
    /// <param name="s">The answer text.</param>
    /// <returns>Lowercase words without ASCII punctuation and articles, separated by single spaces.</returns>
    public static string NormalizeAnswer(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var lower = PythonText.Lower(s);
        var withoutPunctuation = new StringBuilder(lower.Length);
        foreach (var c in lower)
        {
            if (!IsAsciiPunctuation(c))
            {
                withoutPunctuation.Append(c);
            }
        }

        return string.Join(' ', PythonText.SplitWhitespace(RemoveArticles(withoutPunctuation.ToString())));
    }

    /// <summary>SQuAD v1.1's <c>exact_match_score</c>.</summary>
    /// <param name="prediction">The predicted answer.</param>
    /// <param name="truth">The ground-truth answer.</param>
    public static bool ExactMatch(string prediction, string truth)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(truth);
        return string.Equals(NormalizeAnswer(prediction), NormalizeAnswer(truth), StringComparison.Ordinal);
    }

    /// <summary>SQuAD v1.1's <c>f1_score</c>, in [0, 1].</summary>
    /// <param name="prediction">The predicted answer.</param>
    /// <param name="truth">The ground-truth answer.</param>
    public static double TokenF1(string prediction, string truth)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(truth);
        return TokenF1OfNormalized(NormalizeAnswer(prediction), NormalizeAnswer(truth));
    }

    /// <summary>Exact match against the best of several ground truths.</summary>
    /// <param name="prediction">The predicted answer.</param>
    /// <param name="truths">One or more ground-truth answers.</param>
    /// <exception cref="ArgumentException"><paramref name="truths"/> is empty.</exception>
    public static bool ExactMatch(string prediction, IReadOnlyList<string> truths)
    {
        CheckTruths(prediction, truths);
        foreach (var truth in truths)
        {
            if (ExactMatch(prediction, truth))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Token F1 against the best of several ground truths.</summary>
    /// <param name="prediction">The predicted answer.</param>
    /// <param name="truths">One or more ground-truth answers.</param>
    /// <exception cref="ArgumentException"><paramref name="truths"/> is empty.</exception>
    public static double TokenF1(string prediction, IReadOnlyList<string> truths)
    {
        CheckTruths(prediction, truths);
        var best = 0.0;
        foreach (var truth in truths)
        {
            best = Math.Max(best, TokenF1(prediction, truth));
        }

        return best;
    }

    /// <summary>Token F1 of two already normalized answers.</summary>
    internal static double TokenF1OfNormalized(string prediction, string truth)
    {
        var predictionTokens = PythonText.SplitWhitespace(prediction);
        var truthTokens = PythonText.SplitWhitespace(truth);
        var truthCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in truthTokens)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(truthCounts, token, out _)++;
        }

        var same = 0;
        foreach (var token in predictionTokens)
        {
            ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(truthCounts, token);
            if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref count) && count > 0)
            {
                count--;
                same++;
            }
        }

        if (same == 0)
        {
            return 0.0;
        }

        var precision = 1.0 * same / predictionTokens.Count;
        var recall = 1.0 * same / truthTokens.Count;
        return 2 * precision * recall / (precision + recall);
    }

    private static bool IsAsciiPunctuation(char c) =>
        c is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~');

    // re.sub(r'\b(a|an|the)\b', ' ', text): a maximal run of word characters equal to an article becomes one space.
    private static string RemoveArticles(string text)
    {
        var builder = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var length);
            if (!PythonText.IsWordRune(rune))
            {
                builder.Append(text, i, length);
                i += length;
                continue;
            }

            var start = i;
            while (i < text.Length)
            {
                Rune.DecodeFromUtf16(text.AsSpan(i), out rune, out length);
                if (!PythonText.IsWordRune(rune))
                {
                    break;
                }

                i += length;
            }

            var word = text.AsSpan(start, i - start);
            if (word is "a" or "an" or "the")
            {
                builder.Append(' ');
            }
            else
            {
                builder.Append(word);
            }
        }

        return builder.ToString();
    }

    private static void CheckTruths(string prediction, IReadOnlyList<string> truths)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(truths);
        if (truths.Count == 0)
        {
            throw new ArgumentException("At least one ground truth is required.", nameof(truths));
        }
    }
}
