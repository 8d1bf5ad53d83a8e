using System.Text.Json;
using Vigil.Cli.Commands;
using Vigil.Statistics.Drift;

namespace Vigil.Cli.Reports;

/// <summary>
/// Writes the drift report as JSON with the documented field names (docs/drift.md). Non-finite
/// statistics (an infinite chi-square when a category is new) are written as null, since JSON has no infinity.
/// </summary>
internal static class JsonDriftReport
{
    public static void Write(DriftOutcome outcome, Stream output)
    {
        var report = outcome.Report;
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteBoolean("dataset_drift", report.DatasetDrift);
        json.WriteNumber("drift_share", report.DriftShare);
        json.WriteNumber("drifted_columns", report.DriftedColumns);
        json.WriteNumber("total_columns", report.TotalColumns);
        json.WriteNumber("drift_share_threshold", report.DriftShareThreshold);
        json.WriteString("correction", CorrectionName(report.Correction));
        json.WriteString("reference", outcome.Request.ReferencePath);
        json.WriteString("current", outcome.Request.CurrentPath);
        json.WriteNumber("reference_rows", outcome.ReferenceRows);
        json.WriteNumber("current_rows", outcome.CurrentRows);
        json.WriteStartArray("columns");
        foreach (var c in report.Columns)
        {
            json.WriteStartObject();
            json.WriteString("column", c.Column);
            json.WriteString("type", c.Type == ColumnType.Numerical ? "numerical" : "categorical");
            json.WriteString("method", c.Method);
            WriteNumber(json, "statistic", c.Statistic);
            WriteNumber(json, "p_value", c.PValue);
            if (report.Correction != PValueCorrection.None && c.PValue is not null)
            {
                WriteNumber(json, "p_value_adjusted", c.AdjustedPValue);
            }

            json.WriteNumber("threshold", c.Threshold);
            if (c.Effect is { } effect)
            {
                json.WriteNumber("effect", effect);
            }

            json.WriteBoolean("drifted", c.Drifted);
            json.WriteNumber("reference_count", c.ReferenceCount);
            json.WriteNumber("current_count", c.CurrentCount);
            json.WriteNumber("reference_missing", c.ReferenceMissing);
            json.WriteNumber("current_missing", c.CurrentMissing);
            json.WriteBoolean("exact", c.IsExact);
            if (!c.IsExact)
            {
                if (c.StatisticInterval is { } si)
                {
                    json.WriteStartArray("statistic_interval");
                    json.WriteNumberValue(si.Low);
                    json.WriteNumberValue(si.High);
                    json.WriteEndArray();
                }

                if (c.PValueInterval is { } pi)
                {
                    json.WriteStartArray("p_value_interval");
                    json.WriteNumberValue(pi.Low);
                    json.WriteNumberValue(pi.High);
                    json.WriteEndArray();
                }

                json.WriteString("bound", c.Bound);
            }
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    public static string CorrectionName(PValueCorrection correction) => correction switch
    {
        PValueCorrection.Bonferroni => "bonferroni",
        PValueCorrection.BenjaminiHochberg => "bh",
        _ => "none",
    };

    private static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
