using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Text.Json;
using System.Text.Unicode;

namespace Vigil.Core.Events;

/// <summary>
/// One pass over JSON bytes that checks the grammar and finds where values start and end, without producing
/// tokens: the fast paths of <see cref="JsonBatch.Split"/> (array bodies) and of <see cref="PredictionParser"/>.
/// </summary>
/// <remarks>
/// It accepts only what <see cref="System.Text.Json.Utf8JsonReader"/> certainly accepts (RFC 8259 JSON without
/// comments or trailing commas, strings of well-formed UTF-8 without raw control characters and with escapes other
/// than surrogates, shallow nesting, at most <see cref="JsonBatch.MaxRows"/> rows) and slices each element exactly
/// as the reader would (from its first byte to its last). Anything else, valid or not, makes it give up (a position
/// of -1, or null), and the caller reads with the reader, which gives the same rows or the exact error; so the
/// scanner changes how fast JSON is read, never what is read.
/// </remarks>
internal static class JsonScanner
{
    /// <summary>1 for a byte that may stand for itself inside a string: not '"', '\' nor a control character.</summary>
    private static ReadOnlySpan<byte> Plain =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ];

    /// <summary>The position after the JSON value at <paramref name="p"/>, or -1 (also past <paramref name="maxDepth"/> levels).</summary>
    public static int SkipValue(ReadOnlySpan<byte> s, int p, int maxDepth)
    {
        var objects = 0UL; // bit 0: whether the innermost open container of this value is an object, bit 1 the next...
        var depth = 0;
        while (true)
        {
            // A value starts at p.
            if ((uint)p >= (uint)s.Length)
            {
                return -1;
            }

            var c = s[p];
            if (c is (byte)'{' or (byte)'[')
            {
                if (++depth > maxDepth)
                {
                    return -1;
                }

                var isObject = c == (byte)'{';
                objects = (objects << 1) | (isObject ? 1UL : 0UL);
                p = Whitespace(s, p + 1);
                if ((uint)p < (uint)s.Length && s[p] == (isObject ? (byte)'}' : (byte)']'))
                {
                    p++;
                    depth--;
                    objects >>= 1;
                }
                else
                {
                    if (isObject && (p = Name(s, p)) < 0)
                    {
                        return -1;
                    }

                    continue;
                }
            }
            else
            {
                p = c switch
                {
                    (byte)'"' => String(s, p + 1, out _),
                    (byte)'t' => Literal(s, p, "true"u8),
                    (byte)'f' => Literal(s, p, "false"u8),
                    (byte)'n' => Literal(s, p, "null"u8),
                    _ => Number(s, p),
                };
                if (p < 0)
                {
                    return -1;
                }
            }

            // A value ended at p: close containers until one goes on after a comma.
            var more = false;
            while (depth > 0)
            {
                p = Whitespace(s, p);
                if ((uint)p >= (uint)s.Length)
                {
                    return -1;
                }

                var inObject = (objects & 1) != 0;
                if (s[p] == (byte)',')
                {
                    p = Whitespace(s, p + 1);
                    if (inObject && (p = Name(s, p)) < 0)
                    {
                        return -1;
                    }

                    more = true;
                    break;
                }

                if (s[p] != (inObject ? (byte)'}' : (byte)']'))
                {
                    return -1;
                }

                p++;
                depth--;
                objects >>= 1;
            }

            if (!more)
            {
                return p;
            }
        }
    }

    /// <summary>
    /// A property name without escapes (its bytes at <paramref name="start"/>, <paramref name="length"/> long), its
    /// colon and the whitespace around: the position of its value, or -1.
    /// </summary>
    public static int PlainName(ReadOnlySpan<byte> s, int p, out int start, out int length)
    {
        start = p + 1;
        length = 0;
        if ((uint)p >= (uint)s.Length || s[p] != (byte)'"' || (p = String(s, start, out var escaped)) < 0 || escaped)
        {
            return -1;
        }

        length = p - 1 - start;
        p = Whitespace(s, p);
        return (uint)p < (uint)s.Length && s[p] == (byte)':' ? Whitespace(s, p + 1) : -1;
    }

    /// <summary>
    /// The token at <paramref name="p"/>: its kind, its text (a string's without the quotes) at
    /// <paramref name="start"/>, <paramref name="length"/> long, and the position after it (after the '{' or '[' that
    /// opens a container), or -1.
    /// </summary>
    public static int Token(ReadOnlySpan<byte> s, int p, out JsonTokenType kind, out int start, out int length, out bool escaped)
    {
        start = p;
        length = 0;
        escaped = false;
        if ((uint)p >= (uint)s.Length)
        {
            kind = JsonTokenType.None;
            return -1;
        }

        int end;
        switch (s[p])
        {
            case (byte)'"':
                kind = JsonTokenType.String;
                start = p + 1;
                end = String(s, start, out escaped);
                length = end - 1 - start;
                return end;
            case (byte)'{':
                kind = JsonTokenType.StartObject;
                return p + 1;
            case (byte)'[':
                kind = JsonTokenType.StartArray;
                return p + 1;
            case (byte)'t':
                kind = JsonTokenType.True;
                return Literal(s, p, "true"u8);
            case (byte)'f':
                kind = JsonTokenType.False;
                return Literal(s, p, "false"u8);
            case (byte)'n':
                kind = JsonTokenType.Null;
                return Literal(s, p, "null"u8);
            default:
                kind = JsonTokenType.Number;
                end = Number(s, p);
                length = end - p;
                return end;
        }
    }

    /// <summary>
    /// After a member or an element at <paramref name="p"/>: past the comma when more follow, past
    /// <paramref name="close"/> when none do; -1 for anything else (also when <paramref name="p"/> is -1).
    /// </summary>
    public static int After(ReadOnlySpan<byte> s, int p, byte close, out bool more)
    {
        more = false;
        if (p < 0 || (uint)(p = Whitespace(s, p)) >= (uint)s.Length)
        {
            return -1;
        }

        if (s[p] == (byte)',')
        {
            more = true;
            return Whitespace(s, p + 1);
        }

        return s[p] == close ? p + 1 : -1;
    }

    /// <summary>After a property name, its colon and the whitespace around: the position of its value, or -1.</summary>
    private static int Name(ReadOnlySpan<byte> s, int p)
    {
        if ((uint)p >= (uint)s.Length || s[p] != (byte)'"' || (p = String(s, p + 1, out _)) < 0)
        {
            return -1;
        }

        p = Whitespace(s, p);
        return (uint)p < (uint)s.Length && s[p] == (byte)':' ? Whitespace(s, p + 1) : -1;
    }

    /// <summary>From after the opening quote: the position after the closing one, or -1; whether it holds escapes.</summary>
    public static int String(ReadOnlySpan<byte> s, int p, out bool escaped)
    {
        escaped = false;
        var start = p;
        var high = 0u; // non-zero once a byte >= 0x80 was passed: the string is then checked as UTF-8
        while (true)
        {
            if (Vector128.IsHardwareAccelerated && p <= s.Length - Vector128<byte>.Count)
            {
                // 16 bytes at a time: stop at '"', '\' or a control character; note bytes >= 0x80 passed
                var v = Vector128.Create(s.Slice(p, Vector128<byte>.Count));
                var stops = (Vector128.LessThan(v, Vector128.Create((byte)0x20)) | Vector128.Equals(v, Vector128.Create((byte)'"'))
                    | Vector128.Equals(v, Vector128.Create((byte)'\\'))).ExtractMostSignificantBits();
                var bits = v.ExtractMostSignificantBits();
                if (stops == 0)
                {
                    high |= bits;
                    p += Vector128<byte>.Count;
                    continue;
                }

                var n = BitOperations.TrailingZeroCount(stops);
                high |= bits & ((1u << n) - 1);
                p += n;
            }
            else
            {
                var plain = Plain;
                while ((uint)p < (uint)s.Length && plain[s[p]] != 0)
                {
                    high |= s[p] & 0x80u;
                    p++;
                }

                if ((uint)p >= (uint)s.Length)
                {
                    return -1;
                }
            }

            if (s[p] == (byte)'"')
            {
                return high == 0 || Utf8.IsValid(s[start..p]) ? p + 1 : -1;
            }

            if (s[p] != (byte)'\\' || (p = Escape(s, p)) < 0)
            {
                return -1; // a control character, or a bad escape
            }

            escaped = true;
        }
    }

    /// <summary>The position after the escape at <paramref name="p"/>, or -1 (surrogates are left to the reader).</summary>
    private static int Escape(ReadOnlySpan<byte> s, int p)
    {
        if (p + 1 >= s.Length)
        {
            return -1;
        }

        if (s[p + 1] is (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t')
        {
            return p + 2;
        }

        var ok = s[p + 1] == (byte)'u' && p + 5 < s.Length && IsHex(s[p + 2]) && IsHex(s[p + 3]) && IsHex(s[p + 4]) && IsHex(s[p + 5])
            && !((s[p + 2] | 0x20) == (byte)'d' && (!IsDigit(s[p + 3]) || s[p + 3] >= (byte)'8'));
        return ok ? p + 6 : -1;
    }

    public static int Literal(ReadOnlySpan<byte> s, int p, ReadOnlySpan<byte> literal) =>
        s[p..].StartsWith(literal) ? p + literal.Length : -1;

    /// <summary>-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? from <paramref name="p"/>: the position after, or -1.</summary>
    public static int Number(ReadOnlySpan<byte> s, int p)
    {
        if (s[p] == (byte)'-')
        {
            p++;
        }

        if ((uint)p >= (uint)s.Length || !IsDigit(s[p]))
        {
            return -1;
        }

        p = s[p] == (byte)'0' ? p + 1 : Digits(s, p + 1);
        if ((uint)p < (uint)s.Length && s[p] == (byte)'.')
        {
            if ((uint)++p >= (uint)s.Length || !IsDigit(s[p]))
            {
                return -1;
            }

            p = Digits(s, p + 1);
        }

        if ((uint)p < (uint)s.Length && (s[p] | 0x20) == (byte)'e')
        {
            if ((uint)++p < (uint)s.Length && s[p] is (byte)'+' or (byte)'-')
            {
                p++;
            }

            if ((uint)p >= (uint)s.Length || !IsDigit(s[p]))
            {
                return -1;
            }

            p = Digits(s, p + 1);
        }

        return p;
    }

    private static int Digits(ReadOnlySpan<byte> s, int p)
    {
        while ((uint)p < (uint)s.Length && IsDigit(s[p]))
        {
            p++;
        }

        return p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Whitespace(ReadOnlySpan<byte> s, int p)
    {
        while ((uint)p < (uint)s.Length && s[p] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            p++;
        }

        return p;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool IsHex(byte b) => IsDigit(b) || (uint)((b | 0x20) - 'a') <= 5;
}
