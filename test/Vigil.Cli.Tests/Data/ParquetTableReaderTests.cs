using System.Globalization;
using System.Text.Json;
using Parquet;
using Parquet.Schema;
using Vigil.Cli.Data;

namespace Vigil.Cli.Tests.Data;

public sealed class ParquetTableReaderTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Drift_ParquetInput_GivesTheSameReportAsCsv()
    {
        var reference = await ConvertToParquet(CliRunner.Samples("loans_reference.csv"), 3);
        var current = await ConvertToParquet(CliRunner.Samples("loans_current.csv"), 2);
        var (_, csv) = _cli.DriftJson("drift", CliRunner.Samples("loans_reference.csv"), CliRunner.Samples("loans_current.csv"));
        var (exit, parquet) = _cli.DriftJson("drift", reference, current);
        using (csv)
        using (parquet)
        {
            Assert.Equal(0, exit);
            Assert.Equal(Summary(csv), Summary(parquet));
        }
    }

    [Fact]
    public async Task Read_IntegerBooleanAndNullableColumns_AreTyped()
    {
        var path = _cli.PathOf("typed.parquet");
        var schema = new ParquetSchema(
            new DataField<int>("n"),
            new DataField<double?>("x"),
            new DataField<bool>("flag"),
            new DataField<string>("label"));
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream))
        using (var group = writer.CreateRowGroup())
        {
            await group.WriteAsync<int>(schema.DataFields[0], new[] { 1, 2, 3 });
            await group.WriteAsync<double>(schema.DataFields[1], new double?[] { 1.5, null, double.NaN });
            await group.WriteAsync<bool>(schema.DataFields[2], new[] { true, false, true });
            await group.WriteAsync(schema.DataFields[3], new[] { "a", "b", "a" });
        }

        var table = TableReader.Read(path, new ReadOptions());
        Assert.Equal(3, table.Rows);
        Assert.True(table.ByName["n"].IsNumeric);
        Assert.Equal(3, table.ByName["n"].ValueCount);
        Assert.True(table.ByName["x"].IsNumeric);
        Assert.Equal(1, table.ByName["x"].ValueCount);
        Assert.Equal(2, table.ByName["x"].Missing);
        Assert.False(table.ByName["flag"].IsNumeric);
        Assert.Equal(2, table.ByName["flag"].Categories["true"]);
        Assert.Equal(2, table.ByName["label"].Categories["a"]);
    }

    private static string Summary(JsonDocument doc) => string.Join(
        "\n",
        doc.RootElement.GetProperty("columns").EnumerateArray().Select(c =>
            $"{c.GetProperty("column")}|{c.GetProperty("type")}|{c.GetProperty("method")}|{c.GetProperty("statistic")}|{c.GetProperty("drifted")}|{c.GetProperty("reference_count")}|{c.GetProperty("reference_missing")}"));

    /// <summary>Writes a CSV file's columns as Parquet (numbers as nullable doubles, the rest as strings) in several row groups.</summary>
    private async Task<string> ConvertToParquet(string csvPath, int rowGroups)
    {
        var lines = File.ReadAllLines(csvPath);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        var numeric = header.Select((_, i) => rows.All(r => r[i].Length == 0 || double.TryParse(r[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double _))).ToArray();
        var fields = header.Select((h, i) => numeric[i] ? (DataField)new DataField<double?>(h) : new DataField<string>(h)).ToArray();
        var schema = new ParquetSchema(fields);
        var path = _cli.PathOf(Path.GetFileNameWithoutExtension(csvPath) + ".parquet");
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        var size = (rows.Length + rowGroups - 1) / rowGroups;
        foreach (var chunk in rows.Chunk(size))
        {
            using var group = writer.CreateRowGroup();
            for (var i = 0; i < header.Length; i++)
            {
                if (numeric[i])
                {
                    var values = chunk.Select(r => r[i].Length == 0 ? (double?)null : double.Parse(r[i], CultureInfo.InvariantCulture)).ToArray();
                    await group.WriteAsync<double>(fields[i], values);
                }
                else
                {
                    await group.WriteAsync(fields[i], chunk.Select(r => r[i]).ToArray());
                }
            }
        }

        return path;
    }
}
