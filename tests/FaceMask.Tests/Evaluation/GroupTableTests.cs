using FaceMask.Evaluation;
using Xunit;

namespace FaceMask.Tests.Evaluation;

public sealed class GroupTableTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "facemask-grouptable-" + Guid.NewGuid().ToString("N"));

    public GroupTableTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void LooksUpTheColumnByPath()
    {
        string csv = Write(
            "image_info.csv",
            "path,width,group\n" +
            "cloth/001.jpg,640,person_1\n" +
            "\"cloth/a, b.jpg\",640,\"person, 2\"\n" +
            "n95/003.jpg,480,\n" +
            "n95/004.jpg,480, person_1 \n");
        var table = GroupTable.Load(csv, "group");
        Assert.Equal("group", table.Column);
        Assert.Equal(4, table.Count);
        Assert.Equal("person_1", table["cloth/001.jpg"]);
        Assert.Equal("person_1", table["./cloth/001.jpg"]);
        Assert.Equal("person_1", table["cloth\\001.jpg"]);
        Assert.Equal("person, 2", table["cloth/a, b.jpg"]);
        Assert.Equal("person_1", table["n95/004.jpg"]);
        Assert.Null(table["n95/003.jpg"]); // empty value
        Assert.Null(table["surgical/9.jpg"]);
        Assert.Equal("640", GroupTable.Load(csv, "width")["cloth/001.jpg"]);
    }

    [Fact]
    public void ResolveGivesUnknownPathsTheirOwnGroup()
    {
        string csv = Write("image_info.csv", "group,path\np1,a/1.jpg\np1,a/2.jpg\np2,b/3.jpg\n");
        var table = GroupTable.Load(csv, "group");
        string[] ids = table.Resolve(["a/1.jpg", "b/3.jpg", "c/9.jpg", "a/2.jpg", "d/8.jpg"], out int missing);
        Assert.Equal(["p1", "p2", "__path:c/9.jpg", "p1", "__path:d/8.jpg"], ids);
        Assert.Equal(2, missing);
    }

    [Fact]
    public void MissingFileIsAnErrorNamingIt()
    {
        string csv = Path.Combine(_dir, "nope.csv");
        var e = Assert.Throws<FaceMaskException>(() => GroupTable.Load(csv, "group"));
        Assert.Contains(csv, e.Message);
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void MissingPathColumnIsAnErrorNamingTheFile()
    {
        string csv = Write("info.csv", "file,group\na.jpg,p1\n");
        var e = Assert.Throws<FaceMaskException>(() => GroupTable.Load(csv, "group"));
        Assert.Contains(csv, e.Message);
        Assert.Contains("no 'path' column", e.Message);
    }

    [Fact]
    public void MissingColumnIsAnErrorListingTheColumns()
    {
        string csv = Write("info.csv", "path,person,source\na.jpg,p1,web\n");
        var e = Assert.Throws<FaceMaskException>(() => GroupTable.Load(csv, "group"));
        Assert.Contains(csv, e.Message);
        Assert.Contains("no 'group' column", e.Message);
        Assert.Contains("'path', 'person', 'source'", e.Message);
    }

    [Fact]
    public void MalformedQuotingIsAnErrorNamingTheFile()
    {
        string csv = Write("info.csv", "path,group\n\"a.jpg,p1\n");
        var e = Assert.Throws<FaceMaskException>(() => GroupTable.Load(csv, "group"));
        Assert.StartsWith(csv + ": line 2:", e.Message);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("path,group\na.jpg\n", "line 2 has 1 fields")]
    [InlineData("path,group\na.jpg,p1\nb.jpg,p2\na.jpg,p3\n", "line 4 lists 'a.jpg' again")]
    [InlineData("path,group\n,p1\n", "empty 'path'")]
    public void OtherProblemsAreErrorsNamingTheFile(string content, string problem)
    {
        string csv = Write("info.csv", content);
        var e = Assert.Throws<FaceMaskException>(() => GroupTable.Load(csv, "group"));
        Assert.StartsWith(csv + ":", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void RepeatedPathWithTheSameValueIsFine()
    {
        var table = GroupTable.Parse(new StringReader("path,group\na.jpg,p1\na.jpg,p1\n"), "inline", "group");
        Assert.Equal(1, table.Count);
    }

    private string Write(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
