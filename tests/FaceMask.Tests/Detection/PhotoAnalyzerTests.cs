using FaceMask.Detection;
using FaceMask.Inference;
using FaceMask.Tests.Support;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Detection;

public sealed class PhotoAnalyzerTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [DetectorFact]
    public void FlatColourHasNoFaceSoTheWholeImageIsClassified()
    {
        using var analyzer = PhotoAnalyzer.Open(DetectionFixture.SaveTinyModel(temp["model"]));
        PhotoAnalysis analysis = analyzer.Analyze(DetectionFixture.FlatPng(300, 200, new SKColor(90, 140, 200)), "flat.png");

        Assert.True(analysis.WholeImage);
        Assert.Equal((300, 200), (analysis.Width, analysis.Height));
        FaceResult whole = Assert.Single(analysis.Faces);
        Assert.Null(whole.DetectorScore);
        Assert.Equal(new FaceBox(0, 0, 300, 200), whole.Box);
        Assert.Equal(["a", "b", "c"], whole.Probabilities.Keys.Order());
        Assert.Equal(whole.Probabilities.MaxBy(p => p.Value).Key, whole.Label);
    }

    [DetectorFact]
    public void NotAnImageIsAFaceMaskExceptionNamingTheUpload()
    {
        using var analyzer = PhotoAnalyzer.Open(DetectionFixture.SaveTinyModel(temp["model"]));
        var ex = Assert.Throws<FaceMask.Data.ImageDecodeException>(() => analyzer.Analyze("hello"u8.ToArray(), "upload"));
        Assert.Contains("upload", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not an image", ex.Message, StringComparison.Ordinal);
    }

    [DetectorFact]
    public void ConcurrentCallersGetTheSameAnswers()
    {
        using var analyzer = PhotoAnalyzer.Open(DetectionFixture.SaveTinyModel(temp["model"]));
        byte[][] photos = [.. Enumerable.Range(0, 6).Select(i => DetectionFixture.FlatPng(64 + (8 * i), 64, new SKColor((byte)(40 * i), 100, 50)))];
        PhotoAnalysis[] serial = [.. photos.Select(p => analyzer.Analyze(p, "p"))];
        var parallel = new PhotoAnalysis[photos.Length];
        Parallel.For(0, photos.Length, new ParallelOptions { MaxDegreeOfParallelism = 3 }, i => parallel[i] = analyzer.Analyze(photos[i], "p"));
        for (int i = 0; i < photos.Length; i++)
        {
            Assert.Equal(serial[i].Faces[0].Probabilities.OrderBy(p => p.Key), parallel[i].Faces[0].Probabilities.OrderBy(p => p.Key));
        }
    }

    [Fact]
    public void MissingDetectorIsAClearError()
    {
        var ex = Assert.Throws<FaceMaskException>(() => new FaceDetector(new FaceDetectorOptions { Directory = temp["none"] }));
        Assert.Contains(BlazeFaceModel.Front.FileName, ex.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet build", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThresholdOutOfRangeIsRefused()
    {
        var ex = Assert.Throws<FaceMaskException>(() => new FaceDetectorOptions { Threshold = 1.5f }.Validate());
        Assert.Contains("threshold", ex.Message, StringComparison.Ordinal);
    }
}
