using FaceMask.Bias;
using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Bias;

public sealed class GroupAugmenterTests
{
    [Fact]
    public void TopsUpSmallGroupClassCellsAndWritesTheirLabels()
    {
        using var temp = new TempDirectory();
        string data = SyntheticDataset.Create(temp["data"], classes: 2, perClass: 5, side: 24, seed: 2);
        // class0: img000-003 female, img004 male; class1: img000-001 female, img002-003 male, img004 unknown
        string csv = "path,gender\n" +
            string.Concat(Enumerable.Range(0, 5).Select(i => $"class0/img{i:D3}.png,{(i < 4 ? "female" : "male")}\n")) +
            string.Concat(Enumerable.Range(0, 4).Select(i => $"class1/img{i:D3}.png,{(i < 2 ? "female" : "male")}\n"));
        var attributes = GroupAttributes.ParseCsv(new StringReader(csv), "attributes.csv");

        string output = temp["balanced"];
        var summary = GroupAugmenter.WriteGroupBalancedCopy(data, output, attributes, "gender", perCell: null, seed: 3);

        Assert.Equal(10, summary.Copied);
        var male0 = summary.Cells.Single(c => c is { Group: "male", Label: "class0" });
        Assert.Equal((1, 4, 3), (male0.Original, male0.Target, male0.Added));
        Assert.All(summary.Cells.Where(c => c != male0), c => Assert.Equal(0, c.Added));
        Assert.Equal(8, Directory.GetFiles(Path.Combine(output, "class0")).Length);
        Assert.Equal(5, Directory.GetFiles(Path.Combine(output, "class1")).Length);

        var written = GroupAttributes.LoadCsv(summary.AttributesFile);
        var copies = Directory.GetFiles(Path.Combine(output, "class0"), "*_aug*.jpg").Select(f => "class0/" + Path.GetFileName(f)).ToArray();
        Assert.Equal(3, copies.Length);
        Assert.All(copies, c => Assert.Equal("male", written.Group("gender", c)));
        Assert.Null(written.Group("gender", "class1/img004.png"));
        Assert.Equal(12, written.Count);

        // The source is untouched.
        Assert.Equal(5, Directory.GetFiles(Path.Combine(data, "class0")).Length);
    }

    [Fact]
    public void RefusesAnOutputInsideTheSource()
    {
        using var temp = new TempDirectory();
        string data = SyntheticDataset.Create(temp["data"], classes: 2, perClass: 2, side: 16, seed: 1);
        var attributes = GroupAttributes.ParseCsv(new StringReader("path,g\nclass0/img000.png,a\n"), "a.csv");
        var e = Assert.Throws<FaceMaskException>(() => GroupAugmenter.WriteGroupBalancedCopy(data, Path.Combine(data, "out"), attributes, "g", null, 0));
        Assert.Contains("inside", e.Message, StringComparison.Ordinal);
    }
}
