using Microsoft.Data.Sqlite;
using Vigil.Core.Windows;

namespace Vigil.Storage.Sqlite;

/// <summary>Window reads by stamp: the rows' keys and sequence numbers without profiles, then profiles by sequence number.</summary>
public sealed partial class SqliteStore
{
    /// <inheritdoc/>
    /// <remarks>Answered from the <c>windows_key</c> index alone (it carries the rowid, which is <c>seq</c>).</remarks>
    public async Task<IReadOnlyList<WindowStamp>> GetWindowStampsAsync(WindowQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var c = await OpenAsync(cancellationToken);
        using var cmd = WindowRows(c, query, "seq");
        using var r = cmd.ExecuteReader();
        var list = new List<WindowStamp>();
        while (r.Read())
        {
            list.Add(new WindowStamp(WindowKeyOf(r), r.GetInt64(4)));
        }

        return list;
    }

    /// <summary>The query's window rows, in store order (start, then seq): the key in columns 0-3, then <paramref name="last"/>.</summary>
    private static SqliteCommand WindowRows(SqliteConnection c, WindowQuery query, string last) =>
        Cmd(c, $"SELECT version, variant, segment, start, {last} FROM windows WHERE model = $m AND segment = $s AND start >= $f AND start < $t"
            + (query.Version is null ? string.Empty : " AND version = $v")
            + (query.Variant is null ? string.Empty : " AND variant = $var")
            + " ORDER BY start, seq",
            ("$m", query.Model), ("$s", query.Segment), ("$f", query.From.ToUnixTimeMilliseconds()), ("$t", query.To.ToUnixTimeMilliseconds()),
            ("$v", query.Version), ("$var", query.Variant));

    private static WindowKey WindowKeyOf(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), FromMs(r.GetInt64(3)));

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<long, byte[]>> GetWindowProfilesAsync(string model, IReadOnlyCollection<long> seqs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seqs);
        var profiles = new Dictionary<long, byte[]>(seqs.Count);
        if (seqs.Count == 0)
        {
            return profiles;
        }

        // Numbers inline (they are longs, not text), a bounded count per statement; each is a rowid lookup.
        const int PerStatement = 500;
        await using var c = await OpenAsync(cancellationToken);
        using var tx = c.BeginTransaction(deferred: true);
        foreach (var chunk in seqs.Chunk(PerStatement))
        {
            using var cmd = Cmd(c, $"SELECT seq, profile FROM windows WHERE model = $m AND seq IN ({string.Join(',', chunk)})", ("$m", model));
            cmd.Transaction = tx;
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                profiles[r.GetInt64(0)] = (byte[])r.GetValue(1);
            }
        }

        return profiles;
    }
}
