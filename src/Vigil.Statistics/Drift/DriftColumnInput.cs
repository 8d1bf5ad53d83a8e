namespace Vigil.Statistics.Drift;

/// <summary>
/// One column's reference and current data, prepared once and shared by every drift method:
/// sorted samples for numerical columns, aligned category counts for categorical ones, and
/// Evidently's binning computed lazily when a binned method asks for it.
/// </summary>
public sealed class DriftColumnInput
{
    private BinnedCounts? _binned;
    private BinnedCounts? _valueCounts;
    private int _distinct = -1;

    private DriftColumnInput(ColumnType type, SortedSample? reference, SortedSample? current, BinnedCounts? categories, long referenceMissing, long currentMissing)
    {
        Type = type;
        ReferenceSample = reference;
        CurrentSample = current;
        _valueCounts = categories;
        _binned = categories;
        ReferenceMissing = referenceMissing;
        CurrentMissing = currentMissing;
        ReferenceCount = reference?.Count ?? (long)categories!.ReferenceTotal;
        CurrentCount = current?.Count ?? (long)categories!.CurrentTotal;
    }

    /// <summary>The column's type.</summary>
    public ColumnType Type { get; }

    /// <summary>Sorted finite reference values (numerical columns only).</summary>
    public SortedSample? ReferenceSample { get; }

    /// <summary>Sorted finite current values (numerical columns only).</summary>
    public SortedSample? CurrentSample { get; }

    /// <summary>Number of non-missing reference values.</summary>
    public long ReferenceCount { get; }

    /// <summary>Number of non-missing current values.</summary>
    public long CurrentCount { get; }

    /// <summary>Reference values that were missing, NaN or infinite (dropped).</summary>
    public long ReferenceMissing { get; }

    /// <summary>Current values that were missing, NaN or infinite (dropped).</summary>
    public long CurrentMissing { get; }

    /// <summary>Creates the input of a numerical column. Missing counts add to the samples' own dropped NaN/infinity counts.</summary>
    public static DriftColumnInput Numerical(SortedSample reference, SortedSample current, long referenceMissing = 0, long currentMissing = 0)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        return new DriftColumnInput(ColumnType.Numerical, reference, current, null, referenceMissing + reference.DroppedCount, currentMissing + current.DroppedCount);
    }

    /// <summary>Creates the input of a categorical column from aligned category counts.</summary>
    public static DriftColumnInput Categorical(BinnedCounts counts, long referenceMissing = 0, long currentMissing = 0)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return new DriftColumnInput(ColumnType.Categorical, null, null, counts, referenceMissing, currentMissing);
    }

    /// <summary>
    /// Number of distinct non-missing values over reference and current together
    /// (pandas <c>concat([ref, cur]).nunique()</c>, which Evidently's default method choice uses).
    /// </summary>
    public int DistinctCount
    {
        get
        {
            if (_distinct < 0)
            {
                _distinct = Type == ColumnType.Numerical
                    ? EvidentlyBinning.CountDistinctUnion(ReferenceSample!.Values, CurrentSample!.Values)
                    : CountNonEmptyBins(_valueCounts!);
            }

            return _distinct;
        }
    }

    /// <summary>
    /// Bins as Evidently's <c>get_binned_data</c> makes them: categories for categorical columns;
    /// for numerical columns Sturges bins when the reference has more than 20 distinct values, else one bin per value.
    /// </summary>
    public BinnedCounts Binned => _binned ??= EvidentlyBinning.Bin(ReferenceSample!, CurrentSample!);

    /// <summary>Counts per distinct value (categories, or each distinct number of a numerical column).</summary>
    public BinnedCounts ValueCounts => _valueCounts ??= EvidentlyBinning.BinByValue(ReferenceSample!.Values, CurrentSample!.Values);

    private static int CountNonEmptyBins(BinnedCounts counts)
    {
        var n = 0;
        for (var i = 0; i < counts.BinCount; i++)
        {
            if (counts.Reference[i] > 0 || counts.Current[i] > 0)
            {
                n++;
            }
        }

        return n;
    }
}
