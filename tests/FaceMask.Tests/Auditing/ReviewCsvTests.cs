using FaceMask.Auditing;
using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Auditing;

public sealed class ReviewCsvTests
{
    private static AuditReviews Parse(string text) => ReviewCsv.Parse(new StringReader(text), "review.csv", AuditPlans.TwoClass());

    [Fact]
    public void TheBlankFileListsEveryItemAndIsNeverReplaced()
    {
        using var temp = new TempDirectory();
        var plan = AuditPlans.TwoClass();
        string path = ReviewCsv.WriteBlank(plan, temp.Path);
        Assert.Equal("item,label,note\n1,,\n2,,\n3,,\n4,,\n5,,\n6,,\n", File.ReadAllText(path));
        var blank = ReviewCsv.Read(temp.Path, plan);
        Assert.Equal(6, blank.Blank);
        Assert.Empty(blank.Labels);

        File.WriteAllText(path, "item,label,note\n1,a,mine\n");
        var e = Assert.Throws<FaceMaskException>(() => ReviewCsv.WriteBlank(plan, temp.Path));
        Assert.Contains("review.csv", e.Message, StringComparison.Ordinal);
        Assert.Equal("item,label,note\n1,a,mine\n", File.ReadAllText(path));
    }

    [Fact]
    public void ReadsClassesInAnyCaseUnsureAndNotes()
    {
        var reviews = Parse("item,label,note\n1, A ,\n2,b,\"pleated, blue\"\n3,?,\n4,Unsure,dark\n5,,\n");
        Assert.Equal(0, reviews.Labels[1]);
        Assert.Equal(1, reviews.Labels[2]);
        Assert.Equal(new HashSet<int> { 3, 4 }, reviews.Unsure);
        Assert.Equal(2, reviews.Blank); // item 5 empty, item 6 absent
    }

    [Theory]
    [InlineData("item,label\n1,a\n9,b\n", "line 3: '9' is not an item")]
    [InlineData("item,label\n1,a\n1,b\n", "line 3: item 1 is listed twice")]
    [InlineData("item,label\n2,cloth\n", "line 2: item 2: 'cloth' is not a class (a, b)")]
    [InlineData("number,class\n1,a\n", "expected a header with 'item' and 'label'")]
    [InlineData("", "the file is empty")]
    public void ErrorsNameTheFileAndLine(string text, string expected)
    {
        var e = Assert.Throws<FaceMaskException>(() => Parse(text));
        Assert.StartsWith("review.csv: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
