using Vigil.Core.Windows;

namespace Vigil.Storage;

/// <summary>A stored window row without its profile: the window it belongs to and its sequence number.</summary>
/// <param name="Key">The window.</param>
/// <param name="Seq">The row's sequence number: unique in the database, never reused.</param>
/// <remarks>
/// A stamp names one profile for the life of the database, so a reader may cache what it computed from a set of
/// rows under their stamps. That holds because window rows are immutable: ingest adds delta rows, compaction
/// deletes a key's rows and inserts their merge, a rebuild deletes a range's rows and inserts new ones, and no
/// statement ever updates a row; and sequence numbers only grow (SQLite <c>INTEGER PRIMARY KEY AUTOINCREMENT</c>,
/// PostgreSQL <c>bigserial</c>), so a deleted row's number is never given to another row. Any change to a window's
/// rows therefore changes its set of sequence numbers. (An operator who resets the sequence or restores an older
/// copy of the database under a running server breaks the second premise: restart the servers after a restore.)
/// </remarks>
public readonly record struct WindowStamp(WindowKey Key, long Seq);
