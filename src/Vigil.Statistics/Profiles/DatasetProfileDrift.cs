using Vigil.Statistics.Drift;

namespace Vigil.Statistics.Profiles;

/// <summary>Dataset drift between two profiles: <see cref="ProfileDrift"/> per column, then the same verdict rules as raw data.</summary>
public static class DatasetProfileDrift
{
    /// <summary>Compares every column of <paramref name="reference"/> (or <paramref name="columns"/>) with <paramref name="current"/>.</summary>
    /// <returns>The report (with exactness per column) and the bins each column compared, for charts.</returns>
    /// <exception cref="ColumnDriftException">A column is missing on one side or cannot be compared; the message names it.</exception>
    public static (DatasetDriftReport Report, IReadOnlyList<BinnedCounts?> Distributions) Analyze(
        DatasetProfile reference, DatasetProfile current, DriftOptions options, IReadOnlyList<string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var names = columns ?? [.. reference.Columns.Select(c => c.Name)];
        if (columns is null)
        {
            foreach (var c in current.Columns)
            {
                if (reference.Find(c.Name) is null)
                {
                    throw new ColumnDriftException(c.Name, "the column is in the current data but not in the reference.");
                }
            }
        }

        var results = new ProfileDriftResult[names.Count];
        var pairs = new (ColumnProfile Reference, ColumnProfile Current)[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var r = reference.Find(names[i]) ?? throw new ColumnDriftException(names[i], "the column is not in the reference.");
            var c = current.Find(names[i]) ?? throw new ColumnDriftException(names[i], "the column is not in the current data.");
            pairs[i] = (r, c);
        }

        Parallel.For(0, names.Count, i =>
        {
            var (r, c) = pairs[i];
            var method = options.Method ?? (r.Type == ColumnType.Numerical ? options.NumericalMethod : options.CategoricalMethod);
            try
            {
                results[i] = ProfileDrift.Evaluate(r, c, method, options.Threshold);
            }
            catch (ArgumentException ex)
            {
                throw new ColumnDriftException(names[i], ex.Message, ex);
            }
        });

        var pValues = results.Where(r => r.Result.PValue is not null).Select(r => Math.Clamp(r.Result.PValue!.Value, 0, 1)).ToArray();
        var adjusted = PValueAdjuster.Adjust(pValues, options.Correction);
        var list = new List<ColumnDrift>(names.Count);
        var k = 0;
        var drifted = 0;
        for (var i = 0; i < names.Count; i++)
        {
            var (r, c) = pairs[i];
            var res = results[i].Result;
            double? adj = res.PValue is null ? null : adjusted[k++];
            var isDrift = res.PValue is null ? res.Drifted : DriftMethods.Get(results[i].Method).IsSignificant(adj!.Value, res.Threshold);
            double? effect = null;
            if (options.MinimumEffect is { } floor && res.PValue is not null)
            {
                effect = ProfileDrift.EffectSize(r, c);
                isDrift &= effect >= floor;
            }

            drifted += isDrift ? 1 : 0;
            list.Add(new ColumnDrift(names[i], r.Type, results[i].Method, res.Statistic, res.PValue, adj, res.Threshold, isDrift, r.Count, c.Count, r.MissingCount, c.MissingCount)
            {
                IsExact = results[i].IsExact,
                StatisticInterval = results[i].StatisticLow is { } lo ? (lo, results[i].StatisticHigh!.Value) : null,
                PValueInterval = results[i].PValueLow is { } plo ? (plo, results[i].PValueHigh!.Value) : null,
                Bound = results[i].Bound,
                Effect = effect,
            });
        }

        var share = names.Count == 0 ? 0 : (double)drifted / names.Count;
        var report = new DatasetDriftReport(names.Count > 0 && share >= options.DriftShare, share, drifted, names.Count, options.DriftShare, options.Correction, list);
        return (report, results.Select(r => r.Distribution).ToArray());
    }
}
