using System.Diagnostics;
using Vigil.Cli.Data;
using Vigil.Cli.Profiles;
using Vigil.Statistics.Profiles;
using Vigil.Statistics.Drift;

namespace Vigil.Cli.Commands;

/// <summary>
/// Reads the two inputs (in parallel), reconciles their columns and types, prepares each column
/// once (sorting numerical samples, counting categories) and runs the drift analysis.
/// </summary>
internal static class DriftRunner
{
    public static DriftOutcome Run(DriftRequest request)
    {
        var stopwatch = Stopwatch.StartNew();
        request.Options.Validate();
        var readOptions = new ReadOptions
        {
            Columns = request.Columns is null ? null : new HashSet<string>(request.Columns, StringComparer.Ordinal),
            Types = request.ColumnTypes,
        };
        if (IsProfile(request.ReferencePath) || IsProfile(request.CurrentPath))
        {
            return RunOnProfiles(request, readOptions, stopwatch);
        }

        var referenceTask = Task.Run(() => TableReader.Read(request.ReferencePath, readOptions));
        var currentTask = Task.Run(() => TableReader.Read(request.CurrentPath, readOptions));
        try
        {
            Task.WaitAll(referenceTask, currentTask);
        }
        catch (AggregateException ex)
        {
            // Report the reference's problem first: it is the one users fix first.
            var first = referenceTask.Exception?.InnerException ?? currentTask.Exception?.InnerException ?? ex.InnerException!;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }

        var reference = referenceTask.Result;
        var current = currentTask.Result;
        foreach (var table in new[] { reference, current })
        {
            if (table.Rows == 0)
            {
                throw InputException.At(table.Path, null, null, "the file has no data rows.");
            }
        }

        var names = ResolveColumns(request, reference, current);
        CheckColumnTypes(request, names);

        var inputs = new DriftColumnInput[names.Count];
        try
        {
            Parallel.For(0, names.Count, i => inputs[i] = Prepare(names[i], reference, current));
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            // Several columns may fail at once; name the first in column order so the message is stable.
            var first = ex.InnerExceptions.OfType<InputException>().OrderBy(e => names.FindIndex(n => e.Message.Contains($"'{n}'", StringComparison.Ordinal))).FirstOrDefault();
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first ?? ex.InnerExceptions[0]);
        }

        var columns = new List<KeyValuePair<string, DriftColumnInput>>(names.Count);
        for (var i = 0; i < names.Count; i++)
        {
            columns.Add(new(names[i], inputs[i]));
        }

        DatasetDriftReport report;
        try
        {
            report = DatasetDriftAnalyzer.Analyze(columns, request.Options);
        }
        catch (ColumnDriftException ex)
        {
            throw new InputException($"{request.ReferencePath} vs {request.CurrentPath}, {ex.Message}", ex);
        }

        return new DriftOutcome(request, report, reference.Rows, current.Rows, i => inputs[i].Binned, stopwatch.Elapsed);
    }

    private static bool IsProfile(string path) => path.EndsWith(".vprof", StringComparison.OrdinalIgnoreCase);

    /// <summary>Drift where one side or both are profiles: the data side is profiled with the profile's options, then profiles are compared.</summary>
    private static DriftOutcome RunOnProfiles(DriftRequest request, ReadOptions readOptions, Stopwatch stopwatch)
    {
        var reference = IsProfile(request.ReferencePath) ? DataProfiler.Load(request.ReferencePath) : null;
        var current = IsProfile(request.CurrentPath) ? DataProfiler.Load(request.CurrentPath) : null;
        var options = (reference ?? current)!.Columns.FirstOrDefault()?.Options ?? ProfileOptions.Default;
        reference ??= DataProfiler.Profile(request.ReferencePath, readOptions, options);
        current ??= DataProfiler.Profile(request.CurrentPath, readOptions, options);
        if (request.Columns is not null)
        {
            foreach (var name in request.Columns)
            {
                foreach (var (profile, path) in new[] { (reference, request.ReferencePath), (current, request.CurrentPath) })
                {
                    if (profile.Find(name) is null)
                    {
                        throw InputException.At(path, null, name, "no such column (asked for with --columns).");
                    }
                }
            }
        }

        try
        {
            var (report, distributions) = DatasetProfileDrift.Analyze(reference, current, request.Options, request.Columns);
            return new DriftOutcome(request, report, reference.RowCount, current.RowCount, i => distributions[i], stopwatch.Elapsed);
        }
        catch (ColumnDriftException ex)
        {
            throw new InputException($"{request.ReferencePath} vs {request.CurrentPath}, {ex.Message}", ex);
        }
    }

    private static List<string> ResolveColumns(DriftRequest request, TableData reference, TableData current)
    {
        if (request.Columns is not null)
        {
            foreach (var name in request.Columns)
            {
                foreach (var table in new[] { reference, current })
                {
                    if (!table.ByName.ContainsKey(name))
                    {
                        throw InputException.At(table.Path, null, name, $"no such column (asked for with --columns); the file has: {Describe(table)}.");
                    }
                }
            }

            return [.. request.Columns];
        }

        foreach (var (table, other) in new[] { (reference, current), (current, reference) })
        {
            foreach (var column in other.Columns)
            {
                if (!table.ByName.ContainsKey(column.Name))
                {
                    throw InputException.At(table.Path, null, column.Name, $"the column is in {other.Path} but not here; compare the common columns with --columns.");
                }
            }
        }

        if (reference.Columns.Count == 0)
        {
            throw InputException.At(reference.Path, null, null, "no columns to compare.");
        }

        return reference.Columns.Select(c => c.Name).ToList();
    }

    private static void CheckColumnTypes(DriftRequest request, List<string> names)
    {
        foreach (var name in request.ColumnTypes.Keys)
        {
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                throw new InputException($"--column-type names '{name}', which is not among the compared columns.");
            }
        }
    }

    private static DriftColumnInput Prepare(string name, TableData reference, TableData current)
    {
        var r = reference.ByName[name];
        var c = current.ByName[name];
        var numerical = r.Hint switch
        {
            ColumnTypeHint.Numerical => true,
            ColumnTypeHint.Categorical => false,
            _ => r.IsNumeric && c.IsNumeric,
        };

        if (numerical)
        {
            foreach (var (column, path) in new[] { (r, reference.Path), (c, current.Path) })
            {
                if (column.ValueCount == 0)
                {
                    throw InputException.At(path, null, name, "the numerical column has no numeric values (all missing, NaN or infinite).");
                }
            }

            return DriftColumnInput.Numerical(
                SortedSample.TakeOwnership(r.RawValues, r.ValueCount),
                SortedSample.TakeOwnership(c.RawValues, c.ValueCount),
                r.Missing,
                c.Missing);
        }

        r.ConvertToCategorical();
        c.ConvertToCategorical();
        foreach (var (column, path) in new[] { (r, reference.Path), (c, current.Path) })
        {
            if (column.Count == 0)
            {
                throw InputException.At(path, null, name, "the categorical column has no values (all missing).");
            }
        }

        return DriftColumnInput.Categorical(BinnedCounts.FromCategories(r.Categories, c.Categories), r.Missing, c.Missing);
    }

    private static string Describe(TableData table)
    {
        var names = table.Columns.Select(c => c.Name).Take(12).ToList();
        return table.Columns.Count == 0 ? "no columns" : string.Join(", ", names) + (table.Columns.Count > 12 ? ", ..." : "");
    }
}
