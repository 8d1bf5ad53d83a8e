namespace Vigil.Cli;

/// <summary>Writes an output file next to its target and moves it into place: a reader never sees half a file.</summary>
internal static class AtomicFile
{
    /// <param name="path">The target file.</param>
    /// <param name="write">Writes the content.</param>
    /// <param name="option">The option that named the file, for the message when its directory is missing.</param>
    public static void Write(string path, Action<Stream> write, string option = "--output")
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            throw new UsageException($"{option} {path}: the directory {directory} does not exist.");
        }

        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                write(stream);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
