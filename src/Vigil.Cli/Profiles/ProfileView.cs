using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Vigil.Cli.Reports;
using Vigil.Statistics.Profiles;

namespace Vigil.Cli.Profiles;

/// <summary>Renders a profile as a console table or as JSON.</summary>
internal static class ProfileView
{
    public static void WriteTable(DatasetProfile profile, IAnsiConsole console)
    {
        console.MarkupLine($"[bold]{Markup.Escape(profile.Source ?? "profile")}[/]: {profile.RowCount:N0} rows, {profile.Columns.Count} columns"
            + (profile.Start is { } from ? $", {from:O} .. {profile.End:O}" : string.Empty));
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Column").AddColumn("Type").AddColumn(new TableColumn("Count").RightAligned()).AddColumn(new TableColumn("Missing").RightAligned())
            .AddColumn(new TableColumn("Distinct").RightAligned()).AddColumn("Mode").AddColumn(new TableColumn("Mean").RightAligned()).AddColumn(new TableColumn("Std").RightAligned())
            .AddColumn(new TableColumn("Min").RightAligned()).AddColumn(new TableColumn("p50").RightAligned()).AddColumn(new TableColumn("Max").RightAligned())
            .AddColumn("Top categories").AddColumn(new TableColumn("Bytes").RightAligned());
        foreach (var column in profile.Columns)
        {
            var s = ProfileSummary.Of(column);
            table.AddRow(
                Markup.Escape(s.Name), s.Type == "numerical" ? "num" : "cat", s.Count.ToString("N0", CultureInfo.InvariantCulture),
                s.Missing.ToString("N0", CultureInfo.InvariantCulture), Math.Round(s.Distinct).ToString("N0", CultureInfo.InvariantCulture),
                s.Exact ? "exact" : "sketch",
                N(s.Mean), N(s.Std), N(s.Min), N(s.Quantiles.Where(q => q.Label == "p50").Select(q => (double?)q.Value).FirstOrDefault()), N(s.Max),
                Markup.Escape(string.Join(", ", s.Top.Take(3).Select(t => $"{t.Item} ({t.Count:N0})"))),
                s.Bytes.ToString("N0", CultureInfo.InvariantCulture));
        }

        console.Write(table);
    }

    public static void WriteJson(DatasetProfile profile, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("source", profile.Source);
        json.WriteString("created_at", profile.CreatedAt);
        if (profile.Start is { } start)
        {
            json.WriteString("start", start);
        }

        if (profile.End is { } end)
        {
            json.WriteString("end", end);
        }

        json.WriteNumber("rows", profile.RowCount);
        json.WriteStartArray("columns");
        foreach (var column in profile.Columns)
        {
            var s = ProfileSummary.Of(column);
            json.WriteStartObject();
            json.WriteString("name", s.Name);
            json.WriteString("type", s.Type);
            json.WriteNumber("count", s.Count);
            json.WriteNumber("missing", s.Missing);
            json.WriteNumber("type_mismatch", s.TypeMismatch);
            json.WriteBoolean("exact", s.Exact);
            json.WriteNumber("distinct", Math.Round(s.Distinct, 1));
            Number(json, "mean", s.Mean);
            Number(json, "std", s.Std);
            Number(json, "min", s.Min);
            Number(json, "max", s.Max);
            if (s.Quantiles.Count > 0)
            {
                json.WriteStartObject("quantiles");
                foreach (var (label, value) in s.Quantiles)
                {
                    json.WriteNumber(label, value);
                }

                json.WriteEndObject();
            }

            if (s.Top.Count > 0)
            {
                json.WriteStartArray("top");
                foreach (var (item, count, lower, upper) in s.Top)
                {
                    json.WriteStartObject();
                    json.WriteString("value", item);
                    json.WriteNumber("count", count);
                    json.WriteNumber("lower", lower);
                    json.WriteNumber("upper", upper);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteNumber("bytes", s.Bytes);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static string N(double? value) => value is { } v ? TableDriftReport.Format(v) : "-";

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
    }
}
