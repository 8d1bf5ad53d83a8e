using System.Runtime.CompilerServices;
using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Vigil.Storage.Registry;

/// <summary>
/// The audit log's hash chain: each entry's hash is SHA-256 over the previous entry's hash and the entry's fields
/// in a fixed JSON encoding, so editing, deleting or reordering any entry breaks every hash after it.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The hash of entry <paramref name="seq"/> with content <paramref name="draft"/> after <paramref name="prevHash"/>.</summary>
    /// <remarks>
    /// SHA-256 of the UTF-8 JSON array <c>[prevHash, seq, atUnixMs, actor, model, version, action, reason, before, after]</c>
    /// written without whitespace (nulls as <c>null</c>), as lower-case hex.
    /// </remarks>
    public static string Hash(string prevHash, long seq, AuditDraft draft)
    {
        ArgumentNullException.ThrowIfNull(prevHash);
        ArgumentNullException.ThrowIfNull(draft);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            w.WriteStringValue(prevHash);
            w.WriteNumberValue(seq);
            w.WriteNumberValue(draft.At.ToUnixTimeMilliseconds());
            w.WriteStringValue(draft.Actor);
            w.WriteStringValue(draft.Model);
            WriteNullable(w, draft.Version);
            w.WriteStringValue(draft.Action);
            WriteNullable(w, draft.Reason);
            WriteNullable(w, draft.BeforeJson);
            WriteNullable(w, draft.AfterJson);
            w.WriteEndArray();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    /// <summary>Checks entries read in sequence order; returns null when the chain is intact, else what is wrong and where.</summary>
    /// <param name="entries">Every entry from the first, in sequence order.</param>
    /// <param name="count">The number of entries checked.</param>
    public static async Task<AuditBreak?> VerifyAsync(IAsyncEnumerable<AuditEntry> entries, StrongBox<long> count)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(count);
        var expectedSeq = 1L;
        var prev = Genesis;
        count.Value = 0;
        await foreach (var e in entries.ConfigureAwait(false))
        {
            count.Value++;
            if (e.Seq != expectedSeq)
            {
                return new AuditBreak(expectedSeq, e.Seq < expectedSeq ? $"entry {e.Seq} is out of order" : $"entries {expectedSeq} to {e.Seq - 1} are missing");
            }

            if (!string.Equals(e.PrevHash, prev, StringComparison.Ordinal))
            {
                return new AuditBreak(e.Seq, $"entry {e.Seq} does not follow entry {e.Seq - 1}: previous hash {e.PrevHash} != {prev}");
            }

            var hash = Hash(prev, e.Seq, e.Draft);
            if (!string.Equals(hash, e.Hash, StringComparison.Ordinal))
            {
                return new AuditBreak(e.Seq, $"entry {e.Seq} was altered: its content hashes to {hash}, stored {e.Hash}");
            }

            prev = e.Hash;
            expectedSeq++;
        }

        return null;
    }

    private static void WriteNullable(Utf8JsonWriter w, string? value)
    {
        if (value is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteStringValue(value);
        }
    }
}

/// <summary>Where the audit chain is broken.</summary>
/// <param name="Seq">The first entry that fails.</param>
/// <param name="Reason">What is wrong.</param>
public sealed record AuditBreak(long Seq, string Reason);
