namespace Vigil.Statistics.Sketches;

/// <summary>The validating reader of <see cref="MomentsSketch.WriteTo"/>'s encoding.</summary>
internal static class MomentsSketchFormat
{
    private static readonly string[] CounterNames = ["count", "null", "NaN", "infinity", "string", "boolean", "integral", "fractional"];

    public static MomentsSketch Read(BinaryReader reader, byte expectedVersion)
    {
        var version = reader.ReadByte();
        if (version != expectedVersion)
        {
            throw Invalid($"unsupported format version {version} (expected {expectedVersion}).");
        }

        var counters = new long[CounterNames.Length];
        for (var i = 0; i < counters.Length; i++)
        {
            counters[i] = reader.ReadInt64();
            if (counters[i] < 0)
            {
                throw Invalid($"negative {CounterNames[i]} count {counters[i]}.");
            }
        }

        var count = counters[0];
        if ((Int128)counters[6] + counters[7] != count)
        {
            throw Invalid($"integral ({counters[6]}) and fractional ({counters[7]}) counts do not add up to the count {count}.");
        }

        var shift = reader.ReadDouble();
        var meanOffset = reader.ReadDouble();
        var m2 = reader.ReadDouble();
        var min = reader.ReadDouble();
        var max = reader.ReadDouble();
        if (count == 0)
        {
            if (shift != 0 || meanOffset != 0 || m2 != 0 || !double.IsNaN(min) || !double.IsNaN(max))
            {
                throw Invalid("an empty sketch must have zero moments and NaN min and max.");
            }
        }
        else
        {
            if (!(double.IsFinite(min) && double.IsFinite(max) && min <= max))
            {
                throw Invalid($"min {min} and max {max} must be finite with min <= max when the count is {count}.");
            }

            if (!(shift >= min && shift <= max))
            {
                throw Invalid($"the shift {shift} lies outside [min, max] = [{min}, {max}].");
            }

            if (double.IsNaN(meanOffset))
            {
                throw Invalid("the mean is NaN.");
            }

            if (!(m2 >= 0))
            {
                throw Invalid($"negative or NaN sum of squared deviations {m2} (variance < 0).");
            }
        }

        return MomentsSketch.FromState(counters, shift, meanOffset, m2, min, max);
    }

    private static InvalidDataException Invalid(string problem) => new("Moments sketch: " + problem);
}
