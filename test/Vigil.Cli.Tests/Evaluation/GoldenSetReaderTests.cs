using Vigil.Cli.Data;
using Vigil.Cli.Evaluation;

namespace Vigil.Cli.Tests.Evaluation;

public sealed class GoldenSetReaderTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Read_Fixture_ReadsItemsTagsAndSha256OfTheFileBytes()
    {
        var set = GoldenSetReader.Read(EvalReference.Eval("cls_golden.jsonl"));
        var reference = EvalReference.Root.GetProperty("classification");
        Assert.Equal(reference.GetProperty("count").GetInt32(), set.Items.Count);
        // Python's hashlib.sha256 over the file's bytes (eval_cli_reference.py).
        Assert.Equal(reference.GetProperty("dataset_hash").GetString(), set.Hash);
        Assert.Equal("c001", set.Items[0].Id);
        Assert.Equal("ham", set.Items[0].Expected!.Value.GetString());
        Assert.Equal(["email"], set.Items[0].Tags);
        Assert.Equal(1, set.Items[0].Line);
    }

    [Fact]
    public void Read_BlankLinesCrlfBomAndIntegerIds_AreAccepted()
    {
        var path = _cli.Write("g.jsonl", "\uFEFF{\"id\": 7, \"input\": \"a\", \"expected\": 1, \"tags\": [\"x\", \"x\", \"y\"]}\r\n\r\n  \n{\"id\": \"b\", \"input\": null, \"human_label\": 4.0}");
        var set = GoldenSetReader.Read(path);
        Assert.Equal(2, set.Items.Count);
        Assert.Equal("7", set.Items[0].Id);
        Assert.Equal(["x", "y"], set.Items[0].Tags);
        Assert.Equal(4, set.Items[1].Line);
        Assert.Null(set.Items[1].Expected);
        Assert.Equal("4", set.Items[1].HumanLabel);
    }

    [Fact]
    public void Read_ChangedByte_ChangesHash()
    {
        var a = GoldenSetReader.Read(_cli.Write("a.jsonl", "{\"id\": \"1\", \"input\": \"x\", \"expected\": \"y\"}\n"));
        var b = GoldenSetReader.Read(_cli.Write("b.jsonl", "{\"id\": \"1\", \"input\": \"x\", \"expected\": \"y\"} \n"));
        Assert.NotEqual(a.Hash, b.Hash);
        Assert.StartsWith("sha256:", a.Hash);
        Assert.Equal(7 + 64, a.Hash.Length);
    }

    [Theory]
    [InlineData("{\"id\": \"1\", \"input\": 1}\n{\"id\": \"1\", \"input\": 2}\n", "line 2, field 'id': duplicate id '1' (first on line 1)")]
    [InlineData("{\"input\": 1}\n", "line 1, field 'id': missing")]
    [InlineData("{\"id\": 1.5, \"input\": 1}\n", "line 1, field 'id': must be a non-empty string or an integer")]
    [InlineData("{\"id\": \"\", \"input\": 1}\n", "line 1, field 'id'")]
    [InlineData("{\"id\": \"a\"}\n", "line 1, field 'input': missing")]
    [InlineData("{\"id\": \"a\", \"input\": 1}\n{\"id\": \"b\", \"input\": 1, \"tags\": \"x\"}\n", "line 2, field 'tags': must be an array of strings")]
    [InlineData("{\"id\": \"a\", \"input\": 1, \"tags\": [1]}\n", "line 1, field 'tags': every tag must be a non-empty string")]
    [InlineData("{\"id\": \"a\", \"input\": 1, \"human_label\": [1]}\n", "line 1, field 'human_label'")]
    [InlineData("{\"id\": \"a\", \"input\": 1}\n{\"id\": \"b\", \"input\": \n", "line 2: not valid JSON")]
    [InlineData("[1, 2]\n", "line 1: expected a JSON object, got array")]
    [InlineData("\n\n", "no items")]
    public void Read_BadLine_NamesFileLineAndField(string content, string message)
    {
        var path = _cli.Write("bad.jsonl", content);
        var ex = Assert.Throws<InputException>(() => GoldenSetReader.Read(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void Read_MissingFile_NamesOptionAndFile()
    {
        var ex = Assert.Throws<InputException>(() => GoldenSetReader.Read(_cli.PathOf("none.jsonl")));
        Assert.Contains("--dataset", ex.Message);
        Assert.Contains("none.jsonl: not found", ex.Message);
    }
}
