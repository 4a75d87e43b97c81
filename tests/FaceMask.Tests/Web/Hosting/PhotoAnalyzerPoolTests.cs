using FaceMask.Tests.Support;
using FaceMask.Web.Hosting;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Web.Hosting;

/// <summary><see cref="PhotoAnalyzerPool"/>: each copy serves one photo at a time, all copies are used, the answers are the copies'.</summary>
public sealed class PhotoAnalyzerPoolTests
{
    [Fact]
    public async Task ParallelCalls_AreSpreadOverTheCopies_OneAtATimeEach()
    {
        FakePhotoAnalyzer[] copies = [new() { Delay = TimeSpan.FromMilliseconds(80) }, new() { Delay = TimeSpan.FromMilliseconds(80) }];
        using var pool = new PhotoAnalyzerPool(copies);
        byte[] red = TestImages.Png(20, 10, new SKColor(240, 10, 10));
        using var start = new Barrier(6); // six dedicated threads call at the same moment, whatever the thread pool does
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait(TimeSpan.FromSeconds(10));
                return pool.Analyze(red, "red.png");
            },
            TaskCreationOptions.LongRunning)));

        Assert.All(results, r => Assert.Equal("red_mask", r.Faces[0].Label));
        Assert.All(results, r => Assert.Equal((20, 10), (r.Width, r.Height)));
        Assert.Equal(6, copies.Sum(c => c.Calls));
        Assert.All(copies, c => Assert.Equal(1, c.MaxRunning));
        Assert.All(copies, c => Assert.True(c.Calls > 0, "a copy was never used"));
        Assert.Equal(copies[0].ModelId, pool.ModelId);
        Assert.Equal(copies[0].Classes, pool.Classes);
    }

    [Fact]
    public void CopiesOfDifferentModels_AreRefused()
    {
        var other = new RenamedAnalyzer(new FakePhotoAnalyzer());
        Assert.Throws<ArgumentException>(() => new PhotoAnalyzerPool([new FakePhotoAnalyzer(), other]));
        Assert.Throws<ArgumentException>(() => new PhotoAnalyzerPool([]));
    }

    private sealed class RenamedAnalyzer(FakePhotoAnalyzer inner) : FaceMask.Inference.IPhotoAnalyzer
    {
        public IReadOnlyList<string> Classes => inner.Classes;

        public string ModelId => "another-model";

        public FaceMask.Inference.PhotoAnalysis Analyze(ReadOnlyMemory<byte> encoded, string nameForErrors, CancellationToken cancellationToken = default) =>
            inner.Analyze(encoded, nameForErrors, cancellationToken);
    }
}
