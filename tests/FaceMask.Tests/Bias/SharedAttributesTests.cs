using FaceMask.Bias;
using FaceMask.Data;
using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Bias;

/// <summary>The shared dataset's attributes.csv against its images (no decoding, no training).</summary>
public sealed class SharedAttributesTests
{
    [SharedDataFact]
    public void SharedAttributesMatchTheImages()
    {
        string images = SharedData.ImagesRoot!;
        string csv = Path.Combine(Path.GetDirectoryName(images)!, "attributes.csv");
        var attributes = GroupAttributes.LoadCsv(csv);
        Assert.Equal(["gender", "age"], attributes.Names);
        Assert.Equal(3485, attributes.Count);

        var folder = ImageFolder.Discover(images);
        var match = attributes.Match(folder.Entries.Select(e => e.RelativePath).ToArray());
        Assert.Empty(match.UnmatchedPaths);
        Assert.Equal(folder.Entries.Count - 3485, match.ImagesWithoutRow.Count);
        Assert.Equal(3225, match.Attribute("gender").Groups.Count(g => g is not null));
        Assert.Equal(["child", "old", "young"], match.Attribute("age").Groups.OfType<string>().Distinct().Order(StringComparer.Ordinal));

        // Every image scored as correctly classified: the analysis then reports perfect, gap-free groups.
        int[] labels = folder.Entries.Select(e => e.Label).ToArray();
        var report = BiasAnalyzer.Analyze(labels, labels, folder.Classes, match.Attributes, new BiasOptions { Bootstrap = 100 });
        var gender = report.Attributes.Single(a => a.Name == "gender");
        Assert.Equal(3225, gender.Labelled);
        Assert.All(gender.Gaps, g => Assert.Equal(0.0, g.Difference.Value));
    }
}
