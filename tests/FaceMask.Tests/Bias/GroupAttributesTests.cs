using FaceMask.Bias;
using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Bias;

public sealed class GroupAttributesTests
{
    private static GroupAttributes Parse(string csv, IReadOnlyList<string>? columns = null) =>
        GroupAttributes.ParseCsv(new StringReader(csv), "attributes.csv", columns);

    [Fact]
    public void CsvWithUnknownPathsAndEmptyCells()
    {
        var attributes = Parse("path,gender,age\ncloth/a.jpg,female,\n./cloth/b.jpg,male,old\nsurgical\\c.jpg,,child\nghost/x.jpg,male,young\n");
        Assert.Equal(["gender", "age"], attributes.Names);
        Assert.Equal(4, attributes.Count);
        string[] images = ["cloth/a.jpg", "cloth/b.jpg", "surgical/c.jpg", "surgical/d.jpg"];
        var match = attributes.Match(images);

        Assert.Equal(["female", "male", null, null], match.Attribute("gender").Groups);
        Assert.Equal([null, "old", "child", null], match.Attribute("age").Groups);
        Assert.Equal(["ghost/x.jpg"], match.UnmatchedPaths);
        Assert.Equal(["surgical/d.jpg"], match.ImagesWithoutRow);
        Assert.Equal(1, match.EmptyCells["gender"]);
        Assert.Equal(1, match.EmptyCells["age"]);
        Assert.Null(attributes.Group("age", "cloth/a.jpg"));
        Assert.Equal("old", attributes.Group("age", "cloth/b.jpg"));
    }

    [Fact]
    public void EmptyCellsNeverBecomeAGroupInTheAnalysis()
    {
        var attributes = Parse("path,gender\na/1.jpg,female\na/2.jpg,\na/3.jpg, \n");
        var match = attributes.Match(["a/1.jpg", "a/2.jpg", "a/3.jpg"]);
        var report = BiasAnalyzer.Analyze([0, 0, 0], [0, 0, 0], ["a"], match.Attributes, new BiasOptions { Bootstrap = 10 });
        Assert.Equal(["female"], report.Attributes[0].Groups.Select(g => g.Name));
        Assert.Equal(2, report.Attributes[0].Unknown);
    }

    [Fact]
    public void ChosenColumnsOnly()
    {
        var attributes = Parse("source,path,gender,age\ns,a.jpg,male,old\n", ["age"]);
        Assert.Equal(["age"], attributes.Names);
    }

    [Theory]
    [InlineData("file,gender\na.jpg,male\n", "no 'path' column")]
    [InlineData("path\na.jpg\n", "no attribute column")]
    [InlineData("path,gender\na.jpg,male\na.jpg,female\n", "line 3 lists 'a.jpg' again")]
    [InlineData("path,gender\n,male\n", "line 2 has an empty 'path'")]
    [InlineData("path,gender,age\na.jpg,male\n", "line 2 has 2 fields")]
    [InlineData("", "the file is empty")]
    public void BadCsvNamesTheFileAndProblem(string csv, string problem)
    {
        var e = Assert.Throws<FaceMaskException>(() => Parse(csv));
        Assert.StartsWith("attributes.csv: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownColumnIsRefused()
    {
        var e = Assert.Throws<FaceMaskException>(() => Parse("path,gender\na.jpg,male\n", ["age"]));
        Assert.Contains("no attribute column 'age'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        var e = Assert.Throws<FaceMaskException>(() => GroupAttributes.Load("/no/such/attributes.csv"));
        Assert.Contains("/no/such/attributes.csv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FolderLayoutLabelsClassRelativePaths()
    {
        using var temp = new TempDirectory();
        string root = temp["test"];
        Write(root, "gender/male/cloth/a.png");
        Write(root, "gender/female/surgical/b.png");
        Write(root, "age/old/cloth/a.png");
        Write(root, "age/child/cloth/c.png");
        var attributes = GroupAttributes.Load(root);
        Assert.True(attributes.IsFolderLayout);
        Assert.Equal(["age", "gender"], attributes.Names);
        Assert.Equal(4, attributes.LayoutFolders.Count);
        Assert.Equal(3, attributes.Count);
        Assert.Equal("male", attributes.Group("gender", "cloth/a.png"));
        Assert.Equal("old", attributes.Group("age", "cloth/a.png"));
        Assert.Null(attributes.Group("age", "surgical/b.png"));
        Assert.Null(attributes.Group("gender", "cloth/c.png"));

        var match = attributes.Match(["cloth/a.png", "cloth/c.png", "surgical/b.png", "surgical/z.png"]);
        Assert.Equal(["male", null, "female", null], match.Attribute("gender").Groups);
        Assert.Equal(["surgical/z.png"], match.ImagesWithoutRow);
        Assert.Empty(match.UnmatchedPaths);
    }

    [Fact]
    public void FolderLayoutRefusesAnImageInTwoGroupsOfOneAttribute()
    {
        using var temp = new TempDirectory();
        string root = temp["test"];
        Write(root, "gender/male/cloth/a.png");
        Write(root, "gender/female/cloth/a.png");
        var e = Assert.Throws<FaceMaskException>(() => GroupAttributes.FromFolderLayout(root));
        Assert.Contains("'cloth/a.png' is in two groups of 'gender'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FolderLayoutWithoutGroupsIsRefused()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(temp.Path, "gender"));
        var e = Assert.Throws<FaceMaskException>(() => GroupAttributes.FromFolderLayout(temp.Path));
        Assert.Contains("no group folders", e.Message, StringComparison.Ordinal);
    }

    internal static void Write(string root, string relative)
    {
        string path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, SyntheticDataset.Render(relative.Contains("cloth", StringComparison.Ordinal) ? 0 : 1, 20, new Random(relative.Length)));
    }
}
