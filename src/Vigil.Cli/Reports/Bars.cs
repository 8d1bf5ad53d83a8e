using System.Globalization;
using Vigil.Statistics.Drift;

namespace Vigil.Cli.Reports;

/// <summary>
/// Shares per bin for a chart: Evidently's bins for numerical columns (so the picture shows what
/// PSI and Jensen-Shannon measured), the most frequent categories plus an "other" bar for categorical ones.
/// </summary>
internal sealed record Bars(double[] Reference, double[] Current, string[] Labels, string First, string Last)
{
    private const int MaxCategories = 20;

    public static Bars From(BinnedCounts binned)
    {
        var n = binned.BinCount;
        var labels = new string[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = binned.Edges is { } e
                ? $"[{Fmt(e[i])}, {Fmt(e[i + 1])}{(i == n - 1 ? "]" : ")")}"
                : binned.Labels?[i] ?? i.ToString(CultureInfo.InvariantCulture);
        }

        var r = Shares(binned.Reference, binned.ReferenceTotal);
        var c = Shares(binned.Current, binned.CurrentTotal);
        if (binned.Edges is { } edges)
        {
            return new Bars(r, c, labels, Fmt(edges[0]), Fmt(edges[^1]));
        }

        if (n > MaxCategories)
        {
            var order = Enumerable.Range(0, n).OrderByDescending(i => r[i] + c[i]).ToArray();
            var keep = order.Take(MaxCategories - 1).ToArray();
            var rr = keep.Select(i => r[i]).ToList();
            var cc = keep.Select(i => c[i]).ToList();
            var ll = keep.Select(i => labels[i]).ToList();
            rr.Add(Math.Max(0, 1 - rr.Sum()));
            cc.Add(Math.Max(0, 1 - cc.Sum()));
            ll.Add($"other ({n - keep.Length} categories)");
            return new Bars([.. rr], [.. cc], [.. ll], ll[0], $"+{n - keep.Length} more");
        }

        return new Bars(r, c, labels, n > 0 ? labels[0] : string.Empty, n > 0 ? labels[^1] : string.Empty);
    }

    private static double[] Shares(double[] counts, double total)
    {
        var shares = new double[counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            shares[i] = total > 0 ? counts[i] / total : 0;
        }

        return shares;
    }

    private static string Fmt(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
