namespace Vigil.Statistics.Drift;

/// <summary>Runs a drift method on every column and decides whether the dataset drifted.</summary>
/// <remarks>
/// Method choice per column: <see cref="DriftOptions.Method"/>, else the per-type method, else
/// <see cref="DriftMethods.SelectDefault"/> (Evidently's rules). With a correction, p-values of the
/// hypothesis-test columns are adjusted together and each test decides on its adjusted p-value;
/// distance columns are unaffected. With <see cref="DriftOptions.MinimumEffect"/>, a test also needs its
/// effect size to reach the floor. Dataset drift: drifted share &gt;= <see cref="DriftOptions.DriftShare"/>.
/// </remarks>
public static class DatasetDriftAnalyzer
{
    /// <summary>Analyses the columns (in parallel) and returns the report in input order.</summary>
    /// <exception cref="ColumnDriftException">A column cannot be analysed; the message names it.</exception>
    public static DatasetDriftReport Analyze(IReadOnlyList<KeyValuePair<string, DriftColumnInput>> columns, DriftOptions options)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var methods = new DriftMethod[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            methods[i] = ChooseMethod(columns[i].Key, columns[i].Value, options);
        }

        var results = new DriftTestResult[columns.Count];
        var errors = new Exception?[columns.Count];
        Parallel.For(0, columns.Count, i =>
        {
            try
            {
                results[i] = methods[i].Evaluate(columns[i].Value, options.Threshold);
            }
            catch (ArgumentException ex)
            {
                errors[i] = ex;
            }
        });

        for (var i = 0; i < errors.Length; i++)
        {
            if (errors[i] is { } error)
            {
                throw new ColumnDriftException(columns[i].Key, $"{methods[i].Name}: {error.Message}", error);
            }
        }

        var adjusted = AdjustPValues(results, options.Correction);
        var list = new ColumnDrift[columns.Count];
        var drifted = 0;
        for (var i = 0; i < columns.Count; i++)
        {
            var r = results[i];
            var input = columns[i].Value;
            var isDrift = r.PValue is null ? r.Drifted : methods[i].IsSignificant(adjusted[i], r.Threshold);
            double? effect = null;
            if (options.MinimumEffect is { } floor && r.PValue is not null)
            {
                effect = EffectSize(input);
                isDrift &= effect >= floor;
            }

            drifted += isDrift ? 1 : 0;
            list[i] = new ColumnDrift(
                columns[i].Key, input.Type, methods[i].Name, r.Statistic, r.PValue,
                r.PValue is null ? null : adjusted[i], r.Threshold, isDrift,
                input.ReferenceCount, input.CurrentCount, input.ReferenceMissing, input.CurrentMissing)
            {
                Effect = effect,
            };
        }

        var share = columns.Count == 0 ? 0 : (double)drifted / columns.Count;
        return new DatasetDriftReport(columns.Count > 0 && share >= options.DriftShare, share, drifted, columns.Count, options.DriftShare, options.Correction, list);
    }

    /// <summary>The method a column gets under <paramref name="options"/>.</summary>
    public static DriftMethod ChooseMethod(string column, DriftColumnInput input, DriftOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        var name = options.Method ?? (input.Type == ColumnType.Numerical ? options.NumericalMethod : options.CategoricalMethod);
        if (name is null)
        {
            return DriftMethods.SelectDefault(input);
        }

        var method = DriftMethods.Get(name);
        if (!method.Supports(input.Type))
        {
            var type = input.Type == ColumnType.Numerical ? "numerical" : "categorical";
            throw new ColumnDriftException(column, $"method '{method.Name}' does not apply to {type} columns (use --column-type or another method).");
        }

        return method;
    }

    /// <summary>KS distance for numerical columns, total variation distance for categorical ones.</summary>
    public static double EffectSize(DriftColumnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Type == ColumnType.Numerical
            ? KolmogorovSmirnov.Statistic(input.ReferenceSample!.Values, input.CurrentSample!.Values)
            : TotalVariation.Distance(input.ValueCounts);
    }

    private static double[] AdjustPValues(DriftTestResult[] results, PValueCorrection correction)
    {
        var adjusted = new double[results.Length];
        var indices = new List<int>();
        var ps = new List<double>();
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].PValue is { } p)
            {
                indices.Add(i);
                ps.Add(double.IsNaN(p) ? 1.0 : Math.Clamp(p, 0, 1));
            }
        }

        var adj = PValueAdjuster.Adjust(ps.ToArray(), correction);
        for (var k = 0; k < indices.Count; k++)
        {
            adjusted[indices[k]] = correction == PValueCorrection.None ? results[indices[k]].PValue!.Value : adj[k];
        }

        return adjusted;
    }
}
