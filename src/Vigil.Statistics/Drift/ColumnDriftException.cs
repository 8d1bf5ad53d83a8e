namespace Vigil.Statistics.Drift;

/// <summary>A column could not be analysed (empty side, method not applicable); names the column.</summary>
public sealed class ColumnDriftException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public ColumnDriftException(string column, string message, Exception? inner = null)
        : base($"column '{column}': {message}", inner)
    {
        Column = column;
    }

    /// <summary>The column that failed.</summary>
    public string Column { get; }
}
