using FaceMask.IO;
using Xunit;

namespace FaceMask.Tests.IO;

/// <summary>Every CSV file is read through <see cref="CsvTable"/> (CsvHelper): the RFC 4180 cases and the errors of the former hand-written parser.</summary>
public sealed class CsvTableTests
{
    private static string[][] Read(string text) => CsvTable.ReadRows(new StringReader(text), "CSV input").ToArray();

    [Fact]
    public void PlainRows()
    {
        Assert.Equal([["path", "group"], ["a.jpg", "p1"], ["b.jpg", "p2"]], Read("path,group\na.jpg,p1\nb.jpg,p2\n"));
    }

    [Fact]
    public void LastLineWithoutNewline() => Assert.Equal([["a", "b"], ["c", "d"]], Read("a,b\nc,d"));

    [Fact]
    public void CrLfAndCrLineEndings() => Assert.Equal([["a", "b"], ["c", "d"], ["e", "f"]], Read("a,b\r\nc,d\re,f\r\n"));

    [Fact]
    public void QuotedFieldsWithCommasQuotesAndNewlines()
    {
        string text = "path,note\n\"dir/a, b.jpg\",\"said \"\"hi\"\"\"\n\"c.jpg\",\"line1\nline2\r\nline3\"\n";
        Assert.Equal(
            [["path", "note"], ["dir/a, b.jpg", "said \"hi\""], ["c.jpg", "line1\nline2\r\nline3"]],
            Read(text));
    }

    [Fact]
    public void EmptyFieldsAndEmptyQuotedFields()
    {
        Assert.Equal([["", "", ""], ["a", "", "\"\""], [""]], Read(",,\na,,\"\"\"\"\"\"\n\"\"\n"));
    }

    [Fact]
    public void BlankLinesAreSkippedAndSpacesKept()
    {
        Assert.Equal([["a", " b "], ["c"]], Read("\na, b \n\n\r\nc\n\n"));
    }

    [Fact]
    public void ByteOrderMarkIsIgnored() => Assert.Equal([["path"], ["x"]], Read("\uFEFFpath\nx\n"));

    [Fact]
    public void EmptyInputHasNoRows() => Assert.Empty(Read(string.Empty));

    [Fact]
    public void RaggedRowsAreReturnedAsWritten() => Assert.Equal([["a", "b", "c"], ["d"]], Read("a,b,c\nd\n"));

    [Theory]
    [InlineData("a,b\n\"unterminated,c\n", "line 2", "never closed")]
    [InlineData("a,b\nx,\"q\"z\n", "line 2", "after a closing quote")]
    [InlineData("a,b\nx,ab\"c\n", "line 2", "quote inside an unquoted field")]
    [InlineData("\"multi\nline\",ok\nx,\"bad\"\"\"y\n", "line 3", "after a closing quote")]
    public void MalformedQuotingIsAnErrorWithTheLine(string text, string line, string problem)
    {
        var e = Assert.Throws<FaceMaskException>(() => CsvTable.ReadRows(new StringReader(text), "attrs.csv").ToArray());
        Assert.StartsWith("attrs.csv: " + line + ":", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void ColumnsAreFoundByNameWithTheLineOfEachRecord()
    {
        using var table = CsvTable.Open(new StringReader(" path , group\n\n\"a\nb.jpg\",p1\nc.jpg,p2\n"), "groups.csv", trimNames: true);
        Assert.Equal(["path", "group"], table.Header);
        Assert.Equal(1, table.Require("group "));
        Assert.True(table.Read());
        Assert.Equal((3, "a\nb.jpg"), (table.Line, table.Fields[table.Require("path")]));
        Assert.True(table.Read());
        Assert.Equal((5, "p2"), (table.Line, table.Fields[1]));
        Assert.False(table.Read());
    }

    [Fact]
    public void AMissingColumnOrAnEmptyFileIsNamed()
    {
        using var table = CsvTable.Open(new StringReader("path,group\n"), "groups.csv");
        var e = Assert.Throws<FaceMaskException>(() => table.Require("source"));
        Assert.Equal("groups.csv: there is no 'source' column; the columns are 'path', 'group'.", e.Message);
        e = Assert.Throws<FaceMaskException>(() => CsvTable.Open(new StringReader("\n\n"), "groups.csv", "expected a header row."));
        Assert.Equal("groups.csv: the file is empty; expected a header row.", e.Message);
    }
}
