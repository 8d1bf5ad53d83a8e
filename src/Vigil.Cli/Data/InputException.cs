namespace Vigil.Cli.Data;

/// <summary>Bad input (file, format, row, column): the CLI prints the message and exits 2.</summary>
internal sealed class InputException : Exception
{
    public InputException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>A message of the form <c>FILE, row N, column 'c': reason</c> with the parts that are known.</summary>
    public static InputException At(string file, long? row, string? column, string reason, Exception? inner = null)
    {
        var where = file;
        if (row is { } r)
        {
            where += $", row {r}";
        }

        if (column is not null)
        {
            where += $", column '{column}'";
        }

        return new InputException($"{where}: {reason}", inner);
    }
}
