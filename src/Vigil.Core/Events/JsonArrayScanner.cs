using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Text.Unicode;

namespace Vigil.Core.Events;

/// <summary>
/// The fast path of <see cref="JsonBatch.Split"/> for a JSON array: one pass over the bytes that checks the JSON
/// grammar and finds where each element starts and ends, without producing tokens.
/// </summary>
/// <remarks>
/// It accepts only what <see cref="System.Text.Json.Utf8JsonReader"/> certainly accepts (RFC 8259 JSON without
/// comments or trailing commas, strings of well-formed UTF-8 without raw control characters and with escapes other
/// than surrogates, less than <see cref="MaxDepth"/> levels, at most <see cref="JsonBatch.MaxRows"/> rows) and
/// slices each element exactly as the reader would (from its first byte to its last). Anything else, valid or not,
/// makes it give up, and the caller splits with the reader, which gives the same rows or the exact error; so the
/// scanner changes how fast a body is split, never how it is split.
/// </remarks>
internal static class JsonArrayScanner
{
    /// <summary>Nesting at which the scanner gives up, the array itself counted (the reader allows 64).</summary>
    public const int MaxDepth = 32;

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

    /// <summary>The rows of the array starting at <paramref name="start"/> (its '['), or null when unsure.</summary>
    public static List<ReadOnlyMemory<byte>>? TrySplit(ReadOnlyMemory<byte> body, int start)
    {
        var s = body.Span;
        var buffer = ArrayPool<ReadOnlyMemory<byte>>.Shared.Rent(256);
        var count = 0;
        try
        {
            var p = Whitespace(s, start + 1);
            if (p < s.Length && s[p] == (byte)']')
            {
                p++;
            }
            else
            {
                while (true)
                {
                    var from = p;
                    p = count == JsonBatch.MaxRows ? -1 : SkipValue(s, p);
                    if (p < 0)
                    {
                        return null;
                    }

                    if (count == buffer.Length)
                    {
                        var larger = ArrayPool<ReadOnlyMemory<byte>>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, count).CopyTo(larger);
                        ArrayPool<ReadOnlyMemory<byte>>.Shared.Return(buffer, clearArray: true);
                        buffer = larger;
                    }

                    buffer[count++] = body.Slice(from, p - from);
                    p = Whitespace(s, p);
                    if (p < s.Length && s[p] == (byte)',')
                    {
                        p = Whitespace(s, p + 1);
                        continue;
                    }

                    if (p < s.Length && s[p] == (byte)']')
                    {
                        p++;
                        break;
                    }

                    return null;
                }
            }

            if (Whitespace(s, p) != s.Length)
            {
                return null;
            }

            var rows = new List<ReadOnlyMemory<byte>>(count);
            rows.AddRange(buffer.AsSpan(0, count));
            return rows;
        }
        finally
        {
            ArrayPool<ReadOnlyMemory<byte>>.Shared.Return(buffer, clearArray: true);
        }
    }

    /// <summary>The position after the JSON value at <paramref name="p"/> (an element of the batch), or -1.</summary>
    private static int SkipValue(ReadOnlySpan<byte> s, int p)
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
                if (++depth >= MaxDepth)
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
                    (byte)'"' => String(s, p + 1),
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

    /// <summary>After a property name, its colon and the whitespace around: the position of its value, or -1.</summary>
    private static int Name(ReadOnlySpan<byte> s, int p)
    {
        if ((uint)p >= (uint)s.Length || s[p] != (byte)'"' || (p = String(s, p + 1)) < 0)
        {
            return -1;
        }

        p = Whitespace(s, p);
        return (uint)p < (uint)s.Length && s[p] == (byte)':' ? Whitespace(s, p + 1) : -1;
    }

    /// <summary>From after the opening quote: the position after the closing one, or -1.</summary>
    private static int String(ReadOnlySpan<byte> s, int p)
    {
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

    private static int Literal(ReadOnlySpan<byte> s, int p, ReadOnlySpan<byte> literal) =>
        s[p..].StartsWith(literal) ? p + literal.Length : -1;

    /// <summary>-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? from <paramref name="p"/>: the position after, or -1.</summary>
    private static int Number(ReadOnlySpan<byte> s, int p)
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
    private static int Whitespace(ReadOnlySpan<byte> s, int p)
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
