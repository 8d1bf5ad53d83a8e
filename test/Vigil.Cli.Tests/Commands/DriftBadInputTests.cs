namespace Vigil.Cli.Tests.Commands;

public sealed class DriftBadInputTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Drift_MissingFile_ExitsTwoNamingTheFile()
    {
        var missing = _cli.PathOf("nope.csv");
        var (exit, error) = _cli.Run("drift", missing, CliRunner.Samples("loans_current.csv"));
        Assert.Equal(2, exit);
        Assert.Contains(missing, error);
        Assert.Contains("not found", error);
    }

    [Fact]
    public void Drift_UnknownFormat_ExitsTwoNamingTheExtension()
    {
        var file = _cli.Write("data.xlsx", "a,b\n1,2\n");
        var (exit, error) = _cli.Run("drift", file, file);
        Assert.Equal(2, exit);
        Assert.Contains("data.xlsx", error);
        Assert.Contains(".xlsx", error);
    }

    [Fact]
    public void Drift_ColumnMissingOnOneSide_ExitsTwoNamingFileAndColumn()
    {
        var reference = _cli.Write("ref.csv", "a,b\n1,x\n2,y\n");
        var current = _cli.Write("cur.csv", "a\n1\n2\n");
        var (exit, error) = _cli.Run("drift", reference, current);
        Assert.Equal(2, exit);
        Assert.Contains("cur.csv", error);
        Assert.Contains("'b'", error);
    }

    [Fact]
    public void Drift_NoNumericValues_ExitsTwoNamingFileAndColumn()
    {
        var reference = _cli.Write("ref.csv", "a,b\n1,2\n2,3\n3,4\n");
        var current = _cli.Write("cur.csv", "a,b\n1,\n2,NaN\n3,\n");
        var (exit, error) = _cli.Run("drift", reference, current);
        Assert.Equal(2, exit);
        Assert.Contains("cur.csv", error);
        Assert.Contains("'b'", error);
        Assert.Contains("no numeric values", error);
    }

    [Fact]
    public void Drift_DeclaredNumericalWithText_ExitsTwoNamingRowAndColumn()
    {
        var reference = _cli.Write("ref.csv", "a,b\n1,2\n2,3\n3,oops\n");
        var (exit, error) = _cli.Run("drift", reference, reference, "--column-type", "b=numerical");
        Assert.Equal(2, exit);
        Assert.Contains("row 4", error);
        Assert.Contains("'b'", error);
        Assert.Contains("oops", error);
    }

    [Fact]
    public void Drift_EmptyFile_ExitsTwo()
    {
        var empty = _cli.Write("empty.csv", string.Empty);
        var (exit, error) = _cli.Run("drift", empty, CliRunner.Samples("loans_current.csv"));
        Assert.Equal(2, exit);
        Assert.Contains("empty.csv", error);
        Assert.Contains("empty", error);
    }

    [Fact]
    public void Drift_HeaderOnly_ExitsTwo()
    {
        var header = _cli.Write("header.csv", "a,b\n");
        var (exit, error) = _cli.Run("drift", header, header);
        Assert.Equal(2, exit);
        Assert.Contains("header.csv", error);
    }

    [Fact]
    public void Drift_MalformedCsvRow_ExitsTwoNamingTheRow()
    {
        var reference = _cli.Write("ref.csv", "a,b\n1,2\n2,3,4\n3,4\n");
        var (exit, error) = _cli.Run("drift", reference, reference);
        Assert.Equal(2, exit);
        Assert.Contains("ref.csv", error);
        Assert.Contains("row 3", error);
    }

    [Fact]
    public void Drift_UnterminatedQuote_ExitsTwo()
    {
        var reference = _cli.Write("ref.csv", "a,b\n1,2\n2,\"oops\n3,4\n");
        var (exit, error) = _cli.Run("drift", reference, reference);
        Assert.Equal(2, exit);
        Assert.Contains("ref.csv", error);
        Assert.Contains("malformed", error);
    }

    [Fact]
    public void Drift_MalformedJsonLine_ExitsTwoNamingTheRow()
    {
        var reference = _cli.Write("ref.jsonl", "{\"a\": 1}\n{\"a\": 2\n{\"a\": 3}\n");
        var (exit, error) = _cli.Run("drift", reference, reference);
        Assert.Equal(2, exit);
        Assert.Contains("ref.jsonl", error);
        Assert.Contains("row 2", error);
    }

    [Fact]
    public void Drift_NestedJsonValue_ExitsTwoNamingField()
    {
        var reference = _cli.Write("ref.jsonl", "{\"a\": 1, \"b\": {\"x\": 1}}\n");
        var (exit, error) = _cli.Run("drift", reference, reference);
        Assert.Equal(2, exit);
        Assert.Contains("'b'", error);
        Assert.Contains("row 1", error);
    }

    [Fact]
    public void Drift_CorruptParquet_ExitsTwo()
    {
        var file = _cli.Write("bad.parquet", "this is not parquet at all");
        var (exit, error) = _cli.Run("drift", file, file);
        Assert.Equal(2, exit);
        Assert.Contains("bad.parquet", error);
    }

    [Theory]
    [InlineData("--method", "nope")]
    [InlineData("--num-method", "nope")]
    [InlineData("--threshold", "abc")]
    [InlineData("--drift-share", "1.5")]
    [InlineData("--correction", "holm")]
    [InlineData("--format", "pdf")]
    [InlineData("--column-type", "age=text")]
    [InlineData("--column-type", "nocolumn=numerical")]
    public void Drift_BadOption_ExitsTwo(string option, string value)
    {
        var (exit, error) = _cli.Run("drift", CliRunner.Samples("loans_reference_small.csv"), CliRunner.Samples("loans_current_small.csv"), option, value, "--output", _cli.PathOf("x.txt"));
        Assert.Equal(2, exit);
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.False(File.Exists(_cli.PathOf("x.txt")), "nothing half-written remains");
    }

    [Fact]
    public void Drift_MethodNotApplicable_ExitsTwoNamingColumn()
    {
        var (exit, error) = _cli.Run("drift", CliRunner.Samples("loans_reference_small.csv"), CliRunner.Samples("loans_current_small.csv"), "--method", "ks");
        Assert.Equal(2, exit);
        Assert.Contains("'region'", error);
        Assert.Contains("ks", error);
    }

    [Fact]
    public void Drift_MissingCurrent_ExitsTwo()
    {
        var (exit, error) = _cli.Run("drift", CliRunner.Samples("loans_reference_small.csv"));
        Assert.Equal(2, exit);
        Assert.Contains("current", error);
    }
}
