using System.Text;
using Vigil.Core.Events;

namespace Vigil.Server.Tests.Events;

/// <summary>
/// Splitting request bodies into rows: the one-pass scanner for the arrays it is sure of, the reader for the rest
/// (deep nesting, surrogate escapes, broken JSON); either way the same rows and the same errors. Expected rows and
/// messages are written by hand from the bodies.
/// </summary>
public sealed class JsonBatchTests
{
    private static List<string> Rows(string body)
    {
        var rows = JsonBatch.Split(Encoding.UTF8.GetBytes(body), out var error);
        Assert.True(rows is not null, error);
        return rows.ConvertAll(r => Encoding.UTF8.GetString(r.Span));
    }

    private static string Error(string body)
    {
        Assert.Null(JsonBatch.Split(Encoding.UTF8.GetBytes(body), out var error));
        return error!;
    }

    [Fact]
    public void Split_Array_SlicesEachElementFromItsFirstToItsLastByte()
    {
        Assert.Equal(
            ["{\"a\": [1, {\"b\": null}]}", "\"x\"", "2", "[3]", "null", "-0.5e+3", "true", "{}", "[]"],
            Rows(" [ {\"a\": [1, {\"b\": null}]} ,\"x\", 2 ,[3],\n\tnull,-0.5e+3,true,{},[] ] \r\n"));
    }

    [Fact]
    public void Split_ByteOrderMarkAndEmptyBodies()
    {
        Assert.Equal(["{\"id\": \"e1\"}"], Rows("\uFEFF[{\"id\": \"e1\"}]"));
        Assert.Empty(Rows("[]"));
        Assert.Empty(Rows("[ \n ]"));
        Assert.Empty(Rows(""));
        Assert.Empty(Rows(" \n"));
    }

    [Fact]
    public void Split_StringsWithEscapesAndUtf8_AreKeptAsWritten()
    {
        var rows = Rows("""[{"k": "a\"b\\c\/d\n\u00e9"}, {"k": "caf\u00E9 😀 ]}"}, {"k": "\ud83d\ude00"}, {"\u006b": "x"}]""");

        Assert.Equal(
            ["""{"k": "a\"b\\c\/d\n\u00e9"}""", """{"k": "caf\u00E9 😀 ]}"}""", """{"k": "\ud83d\ude00"}""", """{"\u006b": "x"}"""],
            rows);
    }

    [Fact]
    public void Split_DeepNesting_AcceptedUpToTheReadersDepth()
    {
        var deep = "{\"a\": " + new string('[', 40) + "1" + new string(']', 40) + "}";
        Assert.Equal([deep, "2"], Rows("[" + deep + ", 2]"));

        var tooDeep = new string('[', 70) + new string(']', 70);
        Assert.StartsWith("the body is not a valid JSON array (after row 0, line 1, byte ", Error("[" + tooDeep + "]"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[{\"a\": 1},]", "the body is not a valid JSON array (after row 1, line 1, byte ")]
    [InlineData("[{\"a\": 1} {\"b\": 2}]", "the body is not a valid JSON array (after row 1, line 1, byte ")]
    [InlineData("[{\"a\": tru}]", "the body is not a valid JSON array (after row 0, line 1, byte ")]
    [InlineData("[{\"a\": 01}]", "the body is not a valid JSON array (after row 0, line 1, byte ")]
    [InlineData("[{\"a\": \"tab\there\"}]", "the body is not a valid JSON array (after row 0, line 1, byte ")]
    [InlineData("[{\"a\": \"\\x\"}]", "the body is not a valid JSON array (after row 0, line 1, byte ")]
    [InlineData("[1, 2", "the body is not a valid JSON array (after row ")]
    public void Split_BrokenArray_ExplainsWhere(string body, string expected)
    {
        Assert.StartsWith(expected, Error(body), StringComparison.Ordinal);
    }

    [Fact]
    public void Split_ContentAfterTheArray_IsRefused_WhitespaceIsNot()
    {
        Assert.NotEmpty(Error("[1, 2]\n[3]"));
        Assert.NotEmpty(Error("[1, 2] x"));
        Assert.Equal(["1", "2"], Rows("[1, 2] \r\n\t"));
    }

    [Fact]
    public void Split_JsonLines_OneRowPerNonEmptyLine()
    {
        Assert.Equal(["{\"a\": 1}", "{\"b\": 2}", "not json"], Rows("{\"a\": 1}\n\n  {\"b\": 2}\r\n\tnot json \n"));
    }

    [Fact]
    public void Split_ManyRows_AllKeptInOrder()
    {
        var body = "[" + string.Join(",", Enumerable.Range(0, 5000).Select(i => $"{{\"id\": \"e{i}\"}}")) + "]";

        var rows = Rows(body);

        Assert.Equal(5000, rows.Count);
        Assert.Equal("{\"id\": \"e0\"}", rows[0]);
        Assert.Equal("{\"id\": \"e4999\"}", rows[^1]);
    }

    [Theory]
    [InlineData("""{"id": "a", "timestamp": "\ud800"}""")]
    [InlineData("""{"id": "a", "timestamp": 12""")]
    public void TryReadTimestamp_UnreadableTimestamp_IsFalse_NotAnException(string row) =>
        Assert.False(JsonBatch.TryReadTimestamp(System.Text.Encoding.UTF8.GetBytes(row), out _));
}
