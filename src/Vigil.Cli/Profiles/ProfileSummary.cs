using Vigil.Statistics.Drift;
using Vigil.Statistics.Profiles;

namespace Vigil.Cli.Profiles;

/// <summary>The readable numbers of one column profile, shared by the table and JSON views.</summary>
internal sealed record ProfileSummary(
    string Name,
    string Type,
    long Count,
    long Missing,
    long TypeMismatch,
    bool Exact,
    double Distinct,
    double? Mean,
    double? Std,
    double? Min,
    double? Max,
    IReadOnlyList<(string Label, double Value)> Quantiles,
    IReadOnlyList<(string Item, long Count, long Lower, long Upper)> Top,
    long Bytes)
{
    private static readonly (string Label, double Rank)[] Ranks = [("p01", 0.01), ("p05", 0.05), ("p25", 0.25), ("p50", 0.5), ("p75", 0.75), ("p95", 0.95), ("p99", 0.99)];

    public static ProfileSummary Of(ColumnProfile column)
    {
        var numerical = column.Type == ColumnType.Numerical;
        var quantiles = new List<(string, double)>();
        if (numerical && column.Count > 0)
        {
            if (column.IsExact)
            {
                var sorted = column.ExactValues.ToArray();
                Array.Sort(sorted);
                foreach (var (label, rank) in Ranks)
                {
                    // Inverted CDF (smallest value whose rank reaches q), as the KLL sketch answers.
                    var index = (int)Math.Clamp(Math.Ceiling(rank * sorted.Length) - 1, 0, sorted.Length - 1);
                    quantiles.Add((label, sorted[index]));
                }
            }
            else
            {
                foreach (var (label, rank) in Ranks)
                {
                    quantiles.Add((label, column.Quantiles.Quantile(rank)));
                }
            }
        }

        var top = column.Items is { } items
            ? items.Items().Take(10).Select(i => (i.Item, i.Estimate, i.LowerBound, i.UpperBound)).ToList()
            : [];
        var m = column.Moments;
        return new ProfileSummary(
            column.Name,
            numerical ? "numerical" : "categorical",
            column.Count,
            column.MissingCount,
            column.TypeMismatchCount,
            column.IsExact,
            column.DistinctEstimate,
            numerical && m.Count > 0 ? m.Mean : null,
            numerical && m.Count > 0 ? Math.Sqrt(m.PopulationVariance) : null,
            numerical && m.Count > 0 ? m.Min : null,
            numerical && m.Count > 0 ? m.Max : null,
            quantiles,
            top,
            SizeOf(column));
    }

    private static long SizeOf(ColumnProfile column)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        column.WriteTo(writer);
        writer.Flush();
        return stream.Length;
    }
}
