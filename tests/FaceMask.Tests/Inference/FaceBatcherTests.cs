using FaceMask.Inference;
using FaceMask.Models;
using FaceMask.Protocols;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Inference;

/// <summary><see cref="FaceBatcher"/>: faces of concurrent callers share a pass of the network and get the answers they get alone.</summary>
public sealed class FaceBatcherTests : IDisposable
{
    // Batched and alone, the network's sums are split differently: equal to float rounding, far below the
    // differences between these images' answers (checked below).
    private const double Tolerance = 1e-5;

    private readonly TrainedModel model = new(
        ModelArchitectures.Create("seed4", 3, 16),
        new ModelManifest { Arch = "seed4", Classes = ["x", "y", "z"], InputSize = 16, Normalization = Normalization.Half });

    private readonly SKBitmap[] images = [.. Enumerable.Range(0, 8).Select(Image)];

    public void Dispose()
    {
        foreach (SKBitmap image in images)
        {
            image.Dispose();
        }

        model.Dispose();
    }

    [Fact]
    public async Task ConcurrentCallers_ShareOneBatch_AndGetTheirOneByOneAnswers()
    {
        using var classifier = new ImageClassifier(model);
        ImagePrediction[] alone = [.. images.Select((image, i) => classifier.ClassifyImages([image], [$"i{i}"])[0])];
        Assert.True(alone.Select(p => p.Probabilities["x"]).Distinct().Count() == images.Length, "the test images must get different answers");

        using var batcher = new FaceBatcher([classifier], new FaceBatcherOptions { MaxBatchSize = images.Length, WindowMilliseconds = 1000 });
        IReadOnlyList<ImagePrediction>[] answers;
        using (batcher.Announce()) // a photo "in detection": the worker waits for a full batch (or the window)
        {
            answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(c => Task.Run(() =>
                batcher.ClassifyAsync([images[2 * c], images[(2 * c) + 1]], [$"i{2 * c}", $"i{(2 * c) + 1}"]))));
        }

        Assert.Equal(new FaceBatcherStatistics(1, images.Length, images.Length), batcher.Statistics);
        for (int c = 0; c < 4; c++)
        {
            for (int k = 0; k < 2; k++)
            {
                AssertSame(alone[(2 * c) + k], answers[c][k]);
            }
        }
    }

    [Theory]
    [InlineData(InferenceEngine.Torch)]
    [InlineData(InferenceEngine.OnnxRuntime)] // serve's default: both workers call one graph at once
    public async Task ManyCallers_TwoWorkers_GetTheirOneByOneAnswers(InferenceEngine engine)
    {
        using var first = new ImageClassifier(model, engine: engine);
        using var second = new ImageClassifier(model, engine: engine);
        ImagePrediction[] alone = [.. images.Select((image, i) => first.ClassifyImages([image], [$"i{i}"])[0])];
        using var batcher = new FaceBatcher([first, second], new FaceBatcherOptions { MaxBatchSize = 5, WindowMilliseconds = 2 });
        var calls = Enumerable.Range(0, 24).Select(c => Task.Run(async () =>
        {
            int[] which = [c % images.Length, (c * 3) % images.Length, (c + 5) % images.Length];
            using IDisposable announced = batcher.Announce();
            IReadOnlyList<ImagePrediction> got = await batcher.ClassifyAsync([.. which.Select(i => images[i])], [.. which.Select(i => $"i{i}")]);
            return (which, got);
        }));
        foreach (var (which, got) in await Task.WhenAll(calls))
        {
            Assert.Equal(which.Length, got.Count);
            for (int k = 0; k < which.Length; k++)
            {
                AssertSame(alone[which[k]], got[k]);
            }
        }

        FaceBatcherStatistics statistics = batcher.Statistics;
        Assert.Equal(24 * 3, statistics.Faces);
        Assert.InRange(statistics.LargestBatch, 1, 5);
    }

    [Fact]
    public async Task WithoutAnnouncement_EachCallIsTakenAsItComes()
    {
        using var classifier = new ImageClassifier(model);
        using var batcher = new FaceBatcher([classifier], new FaceBatcherOptions { MaxBatchSize = 8, WindowMilliseconds = 1000 });
        for (int i = 0; i < 3; i++)
        {
            Assert.Single(await batcher.ClassifyAsync([images[i]], ["one"]));
        }

        Assert.Equal(new FaceBatcherStatistics(3, 3, 1), batcher.Statistics);
        Assert.Empty(await batcher.ClassifyAsync([], []));
    }

    [Fact]
    public async Task CancelledWait_IsCancelled_AndDisposedBatcher_RefusesWork()
    {
        using var classifier = new ImageClassifier(model);
        var batcher = new FaceBatcher([classifier], new FaceBatcherOptions { MaxBatchSize = 8, WindowMilliseconds = 1000 });
        using (batcher.Announce())
        {
            using var cancel = new CancellationTokenSource();
            Task<IReadOnlyList<ImagePrediction>> waiting = batcher.ClassifyAsync([images[0]], ["a"], cancel.Token);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        }

        batcher.Dispose();
        batcher.Dispose();
        Assert.Throws<ObjectDisposedException>(() => { _ = batcher.ClassifyAsync([images[0]], ["a"]); });
        Assert.Throws<ArgumentException>(() => { _ = batcher.ClassifyAsync([images[0]], []); });
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(257, 5)]
    [InlineData(8, -1)]
    [InlineData(8, 1001)]
    public void OutOfRangeOptions_AreRefused(int size, double window)
    {
        using var classifier = new ImageClassifier(model);
        Assert.Throws<FaceMaskException>(() => new FaceBatcher([classifier], new FaceBatcherOptions { MaxBatchSize = size, WindowMilliseconds = window }));
        Assert.Throws<ArgumentException>(() => new FaceBatcher([]));
    }

    private static void AssertSame(ImagePrediction expected, ImagePrediction actual)
    {
        Assert.Equal(expected.Path, actual.Path);
        Assert.Equal(expected.Label, actual.Label);
        Assert.Equal(expected.Unsure, actual.Unsure);
        foreach (var (name, p) in expected.Probabilities)
        {
            Assert.Equal(p, actual.Probabilities[name], Tolerance);
        }
    }

    /// <summary>A different picture per index: a gradient and a square whose colour and place depend on it.</summary>
    private static SKBitmap Image(int index)
    {
        var bitmap = new SKBitmap(new SKImageInfo(24 + index, 24, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                bool square = x > index && x < index + 10 && y > 4 && y < 14;
                bitmap.SetPixel(x, y, square
                    ? new SKColor((byte)(30 * index), 255, (byte)(255 - (30 * index)))
                    : new SKColor((byte)(x * 9), (byte)(y * 9), (byte)(index * 31)));
            }
        }

        return bitmap;
    }
}
