using FaceMask.Detection;
using FaceMask.Tests.Support;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Detection;

/// <summary>Photo files analysed one after another: per-file errors, annotated copies, and nothing replaced unasked.</summary>
public sealed class PhotoFileBatchTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [DetectorFact]
    public void ABadFileGetsAnErrorAndTheOthersAreAnalysedAndAnnotated()
    {
        string good = temp.Write("good.png", DetectionFixture.FlatPng(120, 80, new SKColor(200, 120, 40)));
        string bad = temp.Write("bad.jpg", "not a jpeg"u8.ToArray());
        using var analyzer = PhotoAnalyzer.Open(DetectionFixture.SaveTinyModel(temp["model"]));

        var results = PhotoFileBatch.Analyze(analyzer, [good, bad], temp["annotated"]);

        Assert.Equal([good, bad], results.Select(r => r.Path));
        Assert.NotNull(results[0].Analysis);
        Assert.Null(results[0].Error);
        Assert.Equal(Path.Combine(temp["annotated"], "good" + PhotoFileBatch.AnnotatedSuffix), results[0].AnnotatedPath);
        Assert.True(File.Exists(results[0].AnnotatedPath));
        Assert.Null(results[1].Analysis);
        Assert.Contains(bad, results[1].Error, StringComparison.Ordinal);
        Assert.Null(results[1].AnnotatedPath);
        Assert.False(File.Exists(Path.Combine(temp["annotated"], "bad" + PhotoFileBatch.AnnotatedSuffix)));
    }

    [Fact]
    public void ExistingCopiesAndNameClashesAreRefusedBeforeAnyWork()
    {
        string directory = temp["out"];
        Directory.CreateDirectory(directory);
        string existing = Path.Combine(directory, "a" + PhotoFileBatch.AnnotatedSuffix);
        File.WriteAllText(existing, "mine");

        var ex = Assert.Throws<FaceMaskException>(() => PhotoFileBatch.AnnotatedTargets(["x/a.jpg"], directory, overwrite: false));
        Assert.Contains(existing, ex.Message, StringComparison.Ordinal);
        Assert.Equal([existing], PhotoFileBatch.AnnotatedTargets(["x/a.jpg"], directory, overwrite: true));
        Assert.Equal("mine", File.ReadAllText(existing));

        var clash = Assert.Throws<FaceMaskException>(() => PhotoFileBatch.AnnotatedTargets(["x/b.jpg", "y/b.png"], directory, overwrite: false));
        Assert.Contains("same file", clash.Message, StringComparison.Ordinal);
    }
}
