namespace Vigil.Statistics.Drift;

/// <summary>Argument checks shared by the two-sample methods that take pre-sorted spans.</summary>
internal static class SortedSpanGuard
{
    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless <paramref name="values"/> is non-empty, sorted ascending
    /// and free of NaN; when <paramref name="requireFinite"/> is set, infinities are rejected too.
    /// </summary>
    /// <remarks>One O(n) pass; sortedness and NaN are checked together because NaN breaks the ordering test.</remarks>
    public static void Check(ReadOnlySpan<double> values, string paramName, bool requireFinite = false)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException($"{paramName} must contain at least one value.", paramName);
        }

        if (double.IsNaN(values[0]))
        {
            throw new ArgumentException($"{paramName} must not contain NaN.", paramName);
        }

        for (var i = 1; i < values.Length; i++)
        {
            if (!(values[i] >= values[i - 1]))
            {
                throw new ArgumentException(
                    double.IsNaN(values[i])
                        ? $"{paramName} must not contain NaN."
                        : $"{paramName} must be sorted ascending (index {i} is smaller than index {i - 1}).",
                    paramName);
            }
        }

        if (requireFinite && (double.IsInfinity(values[0]) || double.IsInfinity(values[^1])))
        {
            throw new ArgumentException($"{paramName} must contain only finite values.", paramName);
        }
    }
}
