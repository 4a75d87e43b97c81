using FaceMask.Evaluation;
using Xunit;

namespace FaceMask.Tests.Evaluation;

public sealed class CsvReaderTests
{
    private static string[][] Read(string text) => CsvReader.ReadRows(new StringReader(text)).ToArray();

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
        var e = Assert.Throws<FaceMaskException>(() => CsvReader.ReadRows(new StringReader(text), "attrs.csv").ToArray());
        Assert.StartsWith("attrs.csv: " + line + ":", e.Message);
        Assert.Contains(problem, e.Message);
    }
}
