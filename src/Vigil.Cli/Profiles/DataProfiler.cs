using Vigil.Cli.Data;
using Vigil.Statistics.Profiles;

namespace Vigil.Cli.Profiles;

/// <summary>Profiles a data file (CSV, JSONL, Parquet) in one streaming pass.</summary>
internal static class DataProfiler
{
    public static DatasetProfile Profile(string path, ReadOptions readOptions, ProfileOptions options, TimeProvider? clock = null)
    {
        var sinks = new List<ProfileColumnSink>();
        var scan = TableReader.Scan(path, readOptions, (name, hint, _) =>
        {
            var sink = new ProfileColumnSink(name, hint, options);
            sinks.Add(sink);
            return sink;
        });
        if (scan.Rows == 0)
        {
            throw InputException.At(path, null, null, "the file has no data rows.");
        }

        return new DatasetProfile(sinks.Select(s => s.Finish()), scan.Rows, Path.GetFileName(path), createdAt: clock?.GetUtcNow());
    }

    /// <summary>Reads a <c>.vprof</c> file, turning format errors into input errors that name the file.</summary>
    public static DatasetProfile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw InputException.At(path, null, null, "file not found.");
        }

        var length = new FileInfo(path).Length;
        if (length > ProfileFormat.MaxPayloadBytes + 64)
        {
            throw InputException.At(path, null, null, $"the file is {length:N0} bytes, larger than any profile can be.");
        }

        try
        {
            return ProfileFormat.Read(File.ReadAllBytes(path));
        }
        catch (InvalidDataException ex)
        {
            throw InputException.At(path, null, null, ex.Message, ex);
        }
    }

    /// <summary>Writes a profile atomically (temporary file, then move).</summary>
    public static void Save(DatasetProfile profile, string path) => AtomicFile.Write(path, stream => ProfileFormat.Write(profile, stream));
}
